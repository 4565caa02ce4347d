package verticles.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** The events relay's status, for /health. */
public final class EventsClient {
  private final Vertx vertx;

  public EventsClient(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * {@code status} UP, or DEGRADED when the broker is down (writes go on, events wait in the
   * outbox), or UNKNOWN when no relay answers; plus what the relay reports.
   */
  public Future<JsonObject> status(long timeoutMs) {
    return vertx.eventBus().<JsonObject>request(EventsAddresses.STATUS, new JsonObject(),
            new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(Message::body)
        .map(s -> s.put("status", "DOWN".equals(s.getString("broker")) ? "DEGRADED" : "UP"))
        .otherwise(e -> new JsonObject().put("status", "UNKNOWN").put("reason", e.getMessage()));
  }
}
