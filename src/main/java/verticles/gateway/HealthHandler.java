package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import verticles.common.bus.Addresses;

import java.util.List;

/**
 * {@code GET /health}: pings every domain (a short timeout, outside the breakers so that a probe
 * never opens one) and reports for each whether it answers, from which node, the state of this
 * gateway's breaker in front of it and how many reads degraded without it. 200 when every domain
 * is up, 503 otherwise, always with the JSON envelope.
 */
final class HealthHandler implements io.vertx.core.Handler<RoutingContext> {
  private static final long PING_TIMEOUT_MS = 1000;

  private final Vertx vertx;
  private final Gateway gateway;

  HealthHandler(Vertx vertx, Gateway gateway) {
    this.vertx = vertx;
    this.gateway = gateway;
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<Future<JsonObject>> checks = Addresses.DOMAINS.stream().map(this::check).toList();
    Future.join(checks).onComplete(done -> {
      JsonObject domains = new JsonObject();
      boolean allUp = true;
      for (int i = 0; i < checks.size(); i++) {
        JsonObject status = checks.get(i).result();
        allUp &= "UP".equals(status.getString("status"));
        domains.put(Addresses.DOMAINS.get(i), status);
      }
      JsonObject body = Envelope.body(allUp ? 0 : 503, allUp ? "success" : "some domains are unavailable")
          .put("status", allUp ? "UP" : "DEGRADED")
          .put("domains", domains);
      ctx.response().setStatusCode(allUp ? 200 : 503).putHeader("content-type", Envelope.JSON).end(body.toBuffer());
    });
  }

  private Future<JsonObject> check(String domain) {
    JsonObject status = new JsonObject()
        .put("breaker", gateway.bus().breakerState(domain).name())
        .put("degraded_reads", gateway.degradations().count(domain));
    return vertx.eventBus().<JsonObject>request(Addresses.ping(domain), new JsonObject(),
            new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS))
        .map(Message::body)
        .map(reply -> status.put("status", "UP").put("node", reply.getString("node")))
        .otherwise(e -> status.put("status", "DOWN").put("reason", e.getMessage()));
  }
}
