package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Sending messages and reading a chat (the caller's own conversation with {@code to_user_id}). */
final class MessageRoutes {
  static final int SEND = 1;

  private final Gateway gateway;

  MessageRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.post("/douyin/message/action/", ResponseShape.NONE, this::action);
    routes.get("/douyin/message/chat/", ResponseShape.MESSAGE_LIST, this::chat);
  }

  private Future<JsonObject> action(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long target = request.id("to_user_id");
      request.actionType(SEND);
      return gateway.messages().send(me, target, request.param("content"));
    }).map(sent -> new JsonObject());
  }

  private Future<JsonObject> chat(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long target = request.id("to_user_id");
      long after = request.optionalNumber("pre_msg_time", 0);
      return gateway.messages().chat(me, target, after);
    }).map(messages -> new JsonObject()
        .put("message_list", new JsonArray(messages.stream().map(ApiObjects::message).toList())));
  }
}
