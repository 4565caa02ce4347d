package verticles.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Ids;
import verticles.common.Text;
import verticles.common.bus.BusClient;
import verticles.common.bus.DomainVerticle;
import verticles.common.bus.UserDirectory;
import verticles.common.config.Config;
import verticles.common.db.Database;

import java.util.List;

/**
 * The message domain: sending a message, a chat between two users read by polling, and the latest
 * message per conversation for the friend list. Every read is the caller's own conversation.
 */
public final class MessageVerticle extends DomainVerticle {
  /** The longest message, in characters after trimming. */
  static final int CONTENT_MAX = 1024;

  private final Database db;
  private MessageRepository messages;
  private UserDirectory users;

  public MessageVerticle(Database db) {
    super("message");
    this.db = db;
  }

  @Override
  protected Future<?> setUp(Config config) {
    messages = new MessageRepository(db);
    users = new UserDirectory(new BusClient(vertx, config));
    on(MessageAddresses.SEND, this::send);
    on(MessageAddresses.CHAT, this::chat);
    on(MessageAddresses.LATEST, this::latest);
    return Future.succeededFuture();
  }

  private Future<JsonObject> send(JsonObject body) {
    long user = Ids.require(body, "user_id");
    long peer = peer(body, user, "send a message to");
    Object raw = body.getValue("content");
    if (raw != null && !(raw instanceof String)) {
      throw Failure.badRequest("content must be a string");
    }
    String content = Text.require((String) raw, "content", CONTENT_MAX, true);
    return users.requireExists(peer, "to_user_id")
        .compose(v -> messages.send(user, peer, content))
        .map(message -> new JsonObject().put("message", message));
  }

  private Future<JsonObject> chat(JsonObject body) {
    long user = Ids.require(body, "user_id");
    long peer = peer(body, user, "chat with");
    Object after = body.getValue("pre_msg_time") == null ? 0L : body.getValue("pre_msg_time");
    if (!(after instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
      throw Failure.badRequest("pre_msg_time must be a non-negative number of milliseconds");
    }
    return messages.chat(user, peer, ((Number) after).longValue())
        .map(found -> new JsonObject().put("messages", new JsonArray(List.copyOf(found))));
  }

  private Future<JsonObject> latest(JsonObject body) {
    long user = Ids.require(body, "user_id");
    return messages.latest(user, Ids.list(body, "peer_ids"))
        .map(found -> new JsonObject().put("latest", new JsonArray(List.copyOf(found))));
  }

  private static long peer(JsonObject body, long user, String action) {
    long peer = Ids.require(body, "to_user_id");
    if (peer == user) {
      throw Failure.badRequest("to_user_id: you cannot " + action + " yourself");
    }
    return peer;
  }
}
