package verticles.common.bus;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.TimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Failure;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.observability.BreakerOutcome;
import verticles.observability.NodeMetrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way to call a domain: JSON request/reply on an address ({@code user.get}, …), through
 * a circuit breaker per target domain (the part of the address before the first dot). Each node
 * has one, shared by its gateway and domain verticles, so a domain that fails opens one circuit
 * per node; the domains' typed clients ({@code UserClient}, …) are built on it.
 *
 * <p>Every failure comes back as a {@link Failure}: a domain's own {@code fail(code, msg)} keeps
 * its code; no handler, a timeout or an open circuit become 503 "service unavailable". Only
 * timeouts and unexpected failures (500) count against the breaker: business failures (400–499)
 * are answers, a 503 reply is a quick "cannot serve now" (database down, load shed), and "no
 * handler" costs nothing and must not keep a circuit open after the domain joins.
 */
public final class BusClient {
  private static final Logger log = LoggerFactory.getLogger(BusClient.class);

  /** Suffix of the breaker that guards a domain's slow calls, apart from its quick ones (its metrics' target). */
  private static final String SLOW = ".slow";

  private final Vertx vertx;
  private final DeliveryOptions delivery;
  private final DeliveryOptions slowDelivery;
  private final CircuitBreakerOptions breakerOptions;
  private final CircuitBreakerOptions slowBreakerOptions;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final NodeMetrics metrics;

  public BusClient(Vertx vertx, Config config) {
    this.vertx = vertx;
    this.metrics = NodeMetrics.of(vertx);
    int sendTimeout = config.integer(Setting.BUS_TIMEOUT_MS);
    int slowTimeout = Math.max(sendTimeout, config.integer(Setting.BUS_SLOW_TIMEOUT_MS));
    this.delivery = new DeliveryOptions().setSendTimeout(sendTimeout);
    this.slowDelivery = new DeliveryOptions().setSendTimeout(slowTimeout);
    this.breakerOptions = new CircuitBreakerOptions()
        .setTimeout(Math.min(config.integer(Setting.BREAKER_TIMEOUT_MS), Math.max(1, sendTimeout - 100)))
        .setMaxFailures(config.integer(Setting.BREAKER_MAX_FAILURES))
        .setResetTimeout(config.integer(Setting.BREAKER_RESET_MS))
        .setNotificationAddress(null);
    this.slowBreakerOptions = new CircuitBreakerOptions(breakerOptions).setTimeout(Math.max(1, slowTimeout - 100));
  }

  /** Sends {@code body} to {@code address} and returns the JSON reply. */
  public Future<JsonObject> request(String address, JsonObject body) {
    String domain = Domain.keyOf(address);
    return call(domain, breaker(domain, breakerOptions), address, body, delivery);
  }

  /**
   * For calls that are slow by nature and queue under load (password hashing): a longer timeout,
   * and a breaker of their own, so that a flood of logins timing out cannot open the circuit in
   * front of the domain's quick reads.
   */
  public Future<JsonObject> requestSlow(String address, JsonObject body) {
    String domain = Domain.keyOf(address);
    return call(domain, breaker(domain + SLOW, slowBreakerOptions), address, body, slowDelivery);
  }

  private Future<JsonObject> call(String domain, CircuitBreaker breaker, String address, JsonObject body,
                                  DeliveryOptions options) {
    return breaker
        .<Message<JsonObject>>execute(() -> vertx.eventBus().request(address, body, options))
        .onComplete(outcome -> metrics.breakerCall(breaker.name(), BreakerOutcome.of(outcome.cause())))
        .map(Message::body)
        .recover(e -> Future.failedFuture(toFailure(domain, e)));
  }

  /**
   * A request to a consumer on this node (the media worker), without a circuit breaker: there is
   * no remote service to protect, and the work may take far longer than a domain call.
   */
  public Future<JsonObject> requestLocal(String address, JsonObject body, long timeoutMs) {
    DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).setSendTimeout(timeoutMs);
    return vertx.eventBus().<JsonObject>request(address, body, options)
        .map(Message::body)
        .recover(e -> Future.failedFuture(toFailure(Domain.keyOf(address), e)));
  }

  /**
   * Calls {@code handler} with the body of each announcement published on {@code address} (to
   * every node), on the context of the caller (a verticle's event loop).
   */
  public MessageConsumer<JsonObject> subscribe(String address, Handler<JsonObject> handler) {
    return vertx.eventBus().consumer(address, message -> handler.handle(message.body()));
  }

  /** The state of the breaker in front of {@code domain}'s quick calls: CLOSED, OPEN or HALF_OPEN. */
  public CircuitBreakerState breakerState(String domain) {
    return breaker(domain, breakerOptions).state();
  }

  private CircuitBreaker breaker(String name, CircuitBreakerOptions options) {
    return breakers.computeIfAbsent(name, n -> {
      CircuitBreaker breaker = CircuitBreaker.create(n, vertx, new CircuitBreakerOptions(options));
      metrics.watchBreaker(n, breaker);
      breaker.failurePolicy(BusClient::countsAgainstBreaker);
      breaker.openHandler(v -> log.warn("circuit to the {} domain is open", n));
      breaker.halfOpenHandler(v -> log.info("circuit to the {} domain is half-open", n));
      breaker.closeHandler(v -> log.info("circuit to the {} domain is closed", n));
      return breaker;
    });
  }

  private static boolean countsAgainstBreaker(Future<?> outcome) {
    if (outcome.succeeded()) {
      return false;
    }
    if (outcome.cause() instanceof ReplyException r) {
      return switch (r.failureType()) {
        case TIMEOUT -> true;
        case NO_HANDLERS -> false;
        // A domain that answers 503 (its database is down or it sheds load) answered at once:
        // it is not hanging, so there is nothing for a circuit to protect against.
        case RECIPIENT_FAILURE, ERROR -> r.failureCode() >= 500 && r.failureCode() != 503;
      };
    }
    return true;
  }

  static Failure toFailure(String domain, Throwable e) {
    if (e instanceof Failure f) {
      return f;
    }
    if (e instanceof ReplyException r) {
      if (r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        return new Failure(r.failureCode(), r.getMessage() == null ? "the " + domain + " service failed" : r.getMessage());
      }
      if (r.failureType() == ReplyFailure.NO_HANDLERS) {
        return Failure.unavailable("the " + domain + " service is unavailable");
      }
      if (r.failureType() == ReplyFailure.TIMEOUT) {
        return Failure.unavailable("the " + domain + " service did not answer in time");
      }
    }
    if (e instanceof OpenCircuitException) {
      return Failure.unavailable("the " + domain + " service is unavailable (circuit open)");
    }
    if (e instanceof TimeoutException) {
      return Failure.unavailable("the " + domain + " service did not answer in time");
    }
    log.warn("call to the {} domain failed", domain, e);
    return Failure.unavailable("the " + domain + " service is unavailable");
  }
}
