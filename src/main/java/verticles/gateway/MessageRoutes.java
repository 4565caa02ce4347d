package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Sending messages and reading a chat (the caller's own conversation with {@code to_user_id}). */
final class MessageRoutes {
  private final Gateway gateway;

  MessageRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.post("/douyin/message/action/", this::action);
    routes.get("/douyin/message/chat/", this::chat);
  }

  private Future<JsonObject> action(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long target = request.id("to_user_id");
      request.actionType(1);
      return gateway.bus().request("message.send", new JsonObject()
          .put("user_id", me).put("to_user_id", target).put("content", request.param("content")));
    }).map(reply -> new JsonObject());
  }

  private Future<JsonObject> chat(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long target = request.id("to_user_id");
      long after = request.optionalNumber("pre_msg_time", 0);
      return gateway.bus().request("message.chat", new JsonObject()
          .put("user_id", me).put("to_user_id", target).put("pre_msg_time", after));
    }).map(reply -> new JsonObject().put("message_list", reply.getJsonArray("messages")));
  }
}
