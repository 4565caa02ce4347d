package verticles.common.bus;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.TimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.NodeAddress;
import verticles.common.Failure;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.observability.BreakerOutcome;
import verticles.observability.NodeMetrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one way to call a domain: JSON request/reply on an address ({@code user.get}, …). Each node
 * has one, shared by its gateway and domain verticles; the domains' typed clients
 * ({@code UserClient}, …) are built on it.
 *
 * <p>In a cluster the client chooses the node of each request itself, round-robin over the live
 * nodes that serve the domain ({@link NodeRoster}), and sends it to that node's own address
 * ({@code favorite.like@<node>}). Each target node has its own circuit breaker per domain, so a
 * dead or slow node is taken out of rotation while the others keep serving. When a node leaves
 * the cluster, the requests waiting for it fail at once. A request that certainly did not reach
 * a node (no handler there, its circuit open) goes to another node; an idempotent one
 * ({@link #requestIdempotent}: reads, likes, follows) is also sent once more to another node when
 * its node left, timed out or answered 503; any other request whose node died after it was sent
 * fails with 503 saying it may or may not have been carried out. Without a cluster, or before the
 * roster knows a domain's nodes, requests go to the plain address through one breaker per domain.
 *
 * <p>Every failure comes back as a {@link Failure}: a domain's own {@code fail(code, msg)} keeps
 * its code; no handler, a timeout or an open circuit become 503 "service unavailable". Only
 * timeouts, a node that left and unexpected failures (500) count against a breaker: business
 * failures (400–499) are answers, a 503 reply is a quick "cannot serve now" (database down, load
 * shed), and "no handler" costs nothing and must not keep a circuit open after the domain joins.
 */
public final class BusClient {
  private static final Logger log = LoggerFactory.getLogger(BusClient.class);

  /** Suffix of the breakers that guard a domain's slow calls, apart from its quick ones (their metrics' target). */
  private static final String SLOW = ".slow";

  /** Quick calls, or slow ones: their timeout, and breakers of their own. */
  private record Lane(String suffix, DeliveryOptions delivery, CircuitBreakerOptions breaker) {
  }

  /** A request sent to a node and not answered yet: failed at once if that node leaves. */
  private record Pending(Context context, Promise<Message<JsonObject>> reply) {
  }

  /** A node left the cluster while a request to it waited for its answer. */
  static final class NodeLeft extends RuntimeException {
    NodeLeft(String node) {
      super("node " + node + " left the cluster", null, false, false);
    }
  }

  private final Vertx vertx;
  private final Lane quick;
  private final Lane slow;
  private final NodeRoster roster;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();
  private final Map<String, Set<Pending>> pending = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
  private final NodeMetrics metrics;

  public BusClient(Vertx vertx, Config config) {
    this.vertx = vertx;
    this.metrics = NodeMetrics.of(vertx);
    int sendTimeout = config.integer(Setting.BUS_TIMEOUT_MS);
    int slowTimeout = Math.max(sendTimeout, config.integer(Setting.BUS_SLOW_TIMEOUT_MS));
    CircuitBreakerOptions breakerOptions = new CircuitBreakerOptions()
        .setTimeout(Math.min(config.integer(Setting.BREAKER_TIMEOUT_MS), Math.max(1, sendTimeout - 100)))
        .setMaxFailures(config.integer(Setting.BREAKER_MAX_FAILURES))
        .setResetTimeout(config.integer(Setting.BREAKER_RESET_MS))
        .setNotificationAddress(null);
    this.quick = new Lane("", new DeliveryOptions().setSendTimeout(sendTimeout), breakerOptions);
    this.slow = new Lane(SLOW, new DeliveryOptions().setSendTimeout(slowTimeout),
        new CircuitBreakerOptions(breakerOptions).setTimeout(Math.max(1, slowTimeout - 100)));
    this.roster = NodeRoster.of(vertx);
    roster.onLeft(this::forget);
  }

  /**
   * Sends {@code body} to {@code address} and returns the JSON reply. Sent once more to another
   * node only when it certainly did not arrive: for requests that change something.
   */
  public Future<JsonObject> request(String address, JsonObject body) {
    return call(address, body, quick, false);
  }

  /**
   * As {@link #request}, for requests that may be carried out twice with the same effect (reads,
   * likes, follows): sent once more to another node when the first node left, timed out or
   * answered 503.
   */
  public Future<JsonObject> requestIdempotent(String address, JsonObject body) {
    return call(address, body, quick, true);
  }

  /**
   * For calls that are slow by nature and queue under load (password hashing): a longer timeout,
   * and breakers of their own, so that a flood of logins timing out cannot open the circuit in
   * front of the domain's quick reads.
   */
  public Future<JsonObject> requestSlow(String address, JsonObject body) {
    return call(address, body, slow, false);
  }

  private Future<JsonObject> call(String address, JsonObject body, Lane lane, boolean idempotent) {
    String domain = Domain.keyOf(address);
    String first = choose(domain, lane, null);
    return send(domain, lane, first, address, body)
        .recover(e -> {
          String other = first != null && resendable(e, idempotent) ? choose(domain, lane, first) : null;
          return other == null ? Future.failedFuture(e) : send(domain, lane, other, address, body);
        })
        .map(Message::body)
        .recover(e -> Future.failedFuture(toFailure(domain, e)));
  }

  /**
   * The next live node for {@code domain} (round-robin) whose circuit is not open, other than
   * {@code except}; null when the roster knows none (then the plain address is used) or, for a
   * second try, when no other node is there or closed.
   */
  private String choose(String domain, Lane lane, String except) {
    List<String> nodes = roster.nodes(domain);
    if (nodes.isEmpty()) {
      return null;
    }
    int start = Math.floorMod(turns.computeIfAbsent(domain, d -> new AtomicInteger()).getAndIncrement(), nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      String node = nodes.get((start + i) % nodes.size());
      if (!node.equals(except) && nodeBreaker(domain, lane, node).state() != CircuitBreakerState.OPEN) {
        return node;
      }
    }
    return except == null ? nodes.get(start) : null;
  }

  private Future<Message<JsonObject>> send(String domain, Lane lane, String node, String address, JsonObject body) {
    String target = domain + lane.suffix();
    if (node == null) {
      return breaker(target, lane.breaker(), true)
          .<Message<JsonObject>>execute(() -> vertx.eventBus().request(address, body, lane.delivery()))
          .onComplete(outcome -> metrics.breakerCall(target, BreakerOutcome.of(outcome.cause())));
    }
    sent.computeIfAbsent(domain + "@" + node, k -> new LongAdder()).increment();
    return nodeBreaker(domain, lane, node)
        .<Message<JsonObject>>execute(() -> sendTo(node, NodeAddress.on(address, node), body, lane.delivery()))
        .onComplete(outcome -> metrics.breakerCall(target, BreakerOutcome.of(outcome.cause())));
  }

  private Future<Message<JsonObject>> sendTo(String node, String address, JsonObject body, DeliveryOptions options) {
    Promise<Message<JsonObject>> reply = Promise.promise();
    Pending waiting = new Pending(vertx.getOrCreateContext(), reply);
    Set<Pending> waitingForNode = pending.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet());
    waitingForNode.add(waiting);
    vertx.eventBus().<JsonObject>request(address, body, options).onComplete(ar -> {
      if (ar.succeeded()) {
        reply.tryComplete(ar.result());
      } else {
        reply.tryFail(ar.cause());
      }
    });
    return reply.future().onComplete(ar -> waitingForNode.remove(waiting));
  }

  /** A node left the cluster: fail what waits for it, drop its breakers and counts. */
  private void forget(String node) {
    Set<Pending> waiting = pending.remove(node);
    if (waiting != null) {
      NodeLeft left = new NodeLeft(node);
      waiting.forEach(p -> p.context().runOnContext(v -> p.reply().tryFail(left)));
      log.warn("node {} left the cluster: {} requests to it failed at once", node, waiting.size());
    }
    String suffix = "@" + node;
    breakers.keySet().removeIf(name -> name.endsWith(suffix));
    sent.keySet().removeIf(name -> name.endsWith(suffix));
  }

  /**
   * Whether a failed request may go to another node: always when it certainly did not arrive (no
   * handler there, circuit open); for idempotent requests also when its node left, did not
   * answer in time or answered 503.
   */
  private static boolean resendable(Throwable e, boolean idempotent) {
    if (e instanceof OpenCircuitException) {
      return true;
    }
    if (e instanceof ReplyException r) {
      return switch (r.failureType()) {
        case NO_HANDLERS -> true;
        case TIMEOUT, ERROR -> idempotent;
        case RECIPIENT_FAILURE -> idempotent && r.failureCode() == 503;
      };
    }
    return idempotent && (e instanceof NodeLeft || e instanceof TimeoutException);
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

  /** The state of this node's breaker in front of {@code domain}'s plain address (quick calls): CLOSED, OPEN or HALF_OPEN. */
  public CircuitBreakerState breakerState(String domain) {
    return breaker(domain, quick.breaker(), true).state();
  }

  /**
   * The live nodes of {@code domain} as this client sees them: for each its id, the state of its
   * breaker (quick calls) and how many requests this client sent it (retries included).
   */
  public JsonArray routes(String domain) {
    JsonArray routes = new JsonArray();
    for (String node : roster.nodes(domain)) {
      LongAdder count = sent.get(domain + "@" + node);
      routes.add(new JsonObject().put("node", node)
          .put("breaker", nodeBreaker(domain, quick, node).state().name())
          .put("requests", count == null ? 0 : count.sum()));
    }
    return routes;
  }

  private CircuitBreaker nodeBreaker(String domain, Lane lane, String node) {
    return breaker(domain + lane.suffix() + "@" + node, lane.breaker(), false);
  }

  /** The breaker called {@code name}; the per-domain ones have a state gauge, the per-node ones (which come and go) none. */
  private CircuitBreaker breaker(String name, CircuitBreakerOptions options, boolean gauge) {
    return breakers.computeIfAbsent(name, n -> {
      CircuitBreaker breaker = CircuitBreaker.create(n, vertx, new CircuitBreakerOptions(options));
      if (gauge) {
        metrics.watchBreaker(n, breaker);
      }
      breaker.failurePolicy(BusClient::countsAgainstBreaker);
      breaker.openHandler(v -> log.warn("circuit to {} is open", n));
      breaker.halfOpenHandler(v -> log.info("circuit to {} is half-open", n));
      breaker.closeHandler(v -> log.info("circuit to {} is closed", n));
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
    if (e instanceof NodeLeft) {
      return Failure.unavailable("the " + domain + " service's node left during the request: it may or may not have been carried out");
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
