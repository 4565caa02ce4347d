package verticles.events;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * A fact a domain recorded: {@code type} ({@code favorite.liked}, also the routing key), a unique
 * {@code id} (consumers apply an event once per id), the {@code key} whose events keep their order
 * ({@code video:12}), when it happened (ms) and a small payload of ids (never media, text or tokens).
 */
public record DomainEvent(String id, String type, String key, long occurredAt, JsonObject payload) {

  /**
   * A new event with a fresh id, occurring now: the write makes it once its rows are written, right
   * before it commits, so {@code occurred_at} is (within a commit) when the write was acknowledged.
   */
  public static DomainEvent of(String type, String key, JsonObject payload) {
    return new DomainEvent(UUID.randomUUID().toString(), type, key, System.currentTimeMillis(), payload);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("type", type).put("key", key).put("occurred_at", occurredAt)
        .put("payload", payload);
  }

  public static DomainEvent fromJson(JsonObject json) {
    return new DomainEvent(json.getString("id"), json.getString("type"), json.getString("key"),
        json.getLong("occurred_at"), json.getJsonObject("payload"));
  }
}
