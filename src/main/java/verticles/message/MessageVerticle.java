package verticles.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Fields;
import verticles.common.Text;
import verticles.common.bus.Domain;
import verticles.common.bus.DomainVerticle;
import verticles.common.config.Config;
import verticles.common.db.Database;
import verticles.moderation.Moderation;
import verticles.user.UserClient;

import java.util.List;

/**
 * The message domain: sending a message, a chat between two users read by polling, and the latest
 * message per conversation for the friend list. Every read is the caller's own conversation; what
 * is sent passes the {@link Moderation} rule.
 */
public final class MessageVerticle extends DomainVerticle {
  private final Database db;
  private final UserClient users;
  private MessageRepository messages;
  private Moderation moderation;

  public MessageVerticle(Database db, UserClient users) {
    super(Domain.MESSAGE);
    this.db = db;
    this.users = users;
  }

  @Override
  protected Future<?> setUp(Config config) {
    messages = new MessageRepository(db);
    on(MessageAddresses.SEND, this::send);
    on(MessageAddresses.CHAT, this::chat);
    on(MessageAddresses.LATEST, this::latest);
    return Moderation.load(vertx, config).onSuccess(loaded -> moderation = loaded);
  }

  private Future<JsonObject> send(JsonObject body) {
    long user = Fields.id(body, "user_id");
    long peer = Fields.otherUser(body, "to_user_id", user, "send a message to");
    String content = moderation.screen(
        Text.require(Fields.optionalString(body, "content"), "content", MessageClient.CONTENT_MAX, true), "message");
    return users.requireExists(peer, "to_user_id")
        .compose(v -> messages.send(user, peer, content))
        .map(message -> new JsonObject().put("message", message));
  }

  private Future<JsonObject> chat(JsonObject body) {
    long user = Fields.id(body, "user_id");
    long peer = Fields.otherUser(body, "to_user_id", user, "chat with");
    return messages.chat(user, peer, Fields.nonNegative(body, "pre_msg_time", 0))
        .map(found -> new JsonObject().put("messages", new JsonArray(List.copyOf(found))));
  }

  private Future<JsonObject> latest(JsonObject body) {
    long user = Fields.id(body, "user_id");
    return messages.latest(user, Fields.ids(body, "peer_ids"))
        .map(found -> new JsonObject().put("latest", new JsonArray(List.copyOf(found))));
  }
}
