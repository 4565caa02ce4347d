package verticles.message;

import io.vertx.core.json.JsonObject;
import verticles.events.DomainEvent;

/**
 * The message domain's event (docs/events.md), in order per conversation:
 * {@code message_id, from_user_id, to_user_id, create_time}; the text stays in the database.
 */
public final class MessageEvents {
  public static final String SENT = "message.sent";

  private MessageEvents() {
  }

  static DomainEvent sent(long messageId, long from, long to, long createTime) {
    return DomainEvent.of(SENT, "conversation:" + Math.min(from, to) + ":" + Math.max(from, to),
        new JsonObject().put("message_id", messageId).put("from_user_id", from).put("to_user_id", to)
            .put("create_time", createTime));
  }
}
