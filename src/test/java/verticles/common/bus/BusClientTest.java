package verticles.common.bus;

import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.common.Failure;
import verticles.common.config.Config;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bus client's error mapping and which failures count against a circuit breaker. */
@ExtendWith(VertxExtension.class)
class BusClientTest {
  private static BusClient client(Vertx vertx) {
    return new BusClient(vertx, Config.withOverrides(new JsonObject()
        .put("bus_timeout_ms", 400).put("breaker_timeout_ms", 200)
        .put("breaker_max_failures", 2).put("breaker_reset_ms", 60_000)));
  }

  private static Failure failure(Future<JsonObject> call) {
    return assertThrows(Failure.class, () -> {
      try {
        call.await();
      } catch (Failure f) {
        throw f;
      }
    });
  }

  @Test
  void businessFailuresKeepTheirCodeAndDoNotTripTheBreaker(Vertx vertx) {
    Consumers.register(vertx, "things.get", body -> Future.failedFuture(Failure.notFound("no such thing"))).completion().await();
    BusClient bus = client(vertx);
    for (int i = 0; i < 5; i++) {
      Failure f = failure(bus.request("things.get", new JsonObject()));
      assertEquals(404, f.code());
      assertEquals("no such thing", f.getMessage());
    }
    assertEquals(CircuitBreakerState.CLOSED, bus.breakerState("things"));
  }

  @Test
  void timeoutsOpenTheCircuitWhichThenFailsFast(Vertx vertx) {
    AtomicInteger received = new AtomicInteger();
    vertx.eventBus().consumer("slow.get", message -> received.incrementAndGet()).completion().await(); // never answers
    BusClient bus = client(vertx);
    for (int i = 0; i < 2; i++) {
      Failure f = failure(bus.request("slow.get", new JsonObject()));
      assertEquals(503, f.code());
      assertTrue(f.getMessage().contains("did not answer"), f.getMessage());
    }
    assertEquals(CircuitBreakerState.OPEN, bus.breakerState("slow"));
    assertEquals(2, received.get());
    Failure open = failure(bus.request("slow.get", new JsonObject()));
    assertTrue(open.getMessage().contains("circuit open"), open.getMessage());
    assertEquals(2, received.get(), "an open circuit answers without sending: it does not wait for the domain");
  }

  @Test
  void slowCallsTimingOutDoNotOpenTheCircuitOfQuickCalls(Vertx vertx) {
    vertx.eventBus().consumer("mixed.login", message -> { /* never answers */ }).completion().await();
    Consumers.register(vertx, "mixed.get", body -> Future.succeededFuture(new JsonObject().put("ok", true))).completion().await();
    BusClient bus = new BusClient(vertx, Config.withOverrides(new JsonObject()
        .put("bus_timeout_ms", 400).put("breaker_timeout_ms", 200).put("bus_slow_timeout_ms", 600)
        .put("breaker_max_failures", 2).put("breaker_reset_ms", 60_000)));
    for (int i = 0; i < 3; i++) {
      assertEquals(503, failure(bus.requestSlow("mixed.login", new JsonObject())).code());
    }
    assertEquals(CircuitBreakerState.CLOSED, bus.breakerState("mixed"));
    assertEquals(true, bus.request("mixed.get", new JsonObject()).await().getBoolean("ok"));
  }

  @Test
  void noHandlerIsUnavailableButDoesNotOpenTheCircuit(Vertx vertx) {
    BusClient bus = client(vertx);
    for (int i = 0; i < 5; i++) {
      Failure f = failure(bus.request("absent.get", new JsonObject()));
      assertEquals(503, f.code());
      assertTrue(f.getMessage().contains("absent service is unavailable"), f.getMessage());
    }
    assertEquals(CircuitBreakerState.CLOSED, bus.breakerState("absent"));
  }

  @Test
  void aConsumerThatThrowsStillAnswers(Vertx vertx) {
    Consumers.register(vertx, "buggy.get", body -> {
      throw new IllegalStateException("bug");
    }).completion().await();
    Consumers.register(vertx, "buggy.bad", body -> Future.failedFuture(new IllegalStateException("bug"))).completion().await();
    BusClient bus = client(vertx);
    assertEquals(500, failure(bus.request("buggy.get", new JsonObject())).code());
    assertEquals(500, failure(bus.request("buggy.bad", new JsonObject())).code());
    // Unexpected failures count against the breaker: after the two allowed here, it is open.
    assertEquals(CircuitBreakerState.OPEN, bus.breakerState("buggy"));
    assertEquals("internal error", failure(client(vertx).request("buggy.get", new JsonObject())).getMessage());
  }

  @Test
  void aNonJsonBodyIsABadRequest(Vertx vertx) {
    Consumers.register(vertx, "strict.get", body -> Future.succeededFuture(body)).completion().await();
    Throwable e = assertThrows(Exception.class, () -> vertx.eventBus().request("strict.get", "text").await());
    assertTrue(e.getMessage().contains("expects a JSON object"), e.getMessage());
  }
}
