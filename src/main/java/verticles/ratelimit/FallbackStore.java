package verticles.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The cluster's store while it answers within {@code timeoutMs}, else this node's: a circuit
 * breaker opens after {@link #MAX_FAILURES} failures or timeouts in a row, and while it is open
 * (then half-open, trying the cluster again every {@link #RESET_MS}) every limit is counted per
 * node, which {@link #shared()} tells /health. A request never waits for the cluster longer than
 * {@code timeoutMs}.
 */
final class FallbackStore implements LimitStore {
  private static final Logger log = LoggerFactory.getLogger(FallbackStore.class);
  static final int MAX_FAILURES = 3;
  static final long RESET_MS = 5000;

  private final LimitStore cluster;
  private final LimitStore node;
  private final CircuitBreaker breaker;

  FallbackStore(Vertx vertx, LimitStore cluster, LimitStore node, long timeoutMs) {
    this.cluster = cluster;
    this.node = node;
    this.breaker = CircuitBreaker.create("rate-limit-store", vertx, new CircuitBreakerOptions()
            .setTimeout(timeoutMs).setMaxFailures(MAX_FAILURES).setResetTimeout(RESET_MS).setFallbackOnFailure(true))
        .openHandler(v -> log.warn("the cluster's rate-limit store does not answer: limits are per node until it does"))
        .closeHandler(v -> log.info("the cluster's rate-limit store answers again: limits are cluster-wide"));
  }

  /** Whether the limits are counted cluster-wide now (the breaker is closed). */
  boolean shared() {
    return breaker.state() == CircuitBreakerState.CLOSED;
  }

  @Override
  public Future<ConsumptionProbe> take(Quota quota, String subject) {
    return either(() -> cluster.take(quota, subject), () -> node.take(quota, subject));
  }

  @Override
  public Future<long[]> failures(String key) {
    return either(() -> cluster.failures(key), () -> node.failures(key));
  }

  @Override
  public Future<Void> recordFailure(String key, long nowMs, long keepMs) {
    return either(() -> cluster.recordFailure(key, nowMs, keepMs), () -> node.recordFailure(key, nowMs, keepMs));
  }

  @Override
  public Future<Void> clearFailures(String key) {
    return either(() -> cluster.clearFailures(key), () -> node.clearFailures(key));
  }

  /** The local store answers at once, so its future's value is there for the breaker's synchronous fallback. */
  private <T> Future<T> either(Supplier<Future<T>> shared, Supplier<Future<T>> local) {
    return breaker.executeWithFallback(shared, failure -> {
      log.debug("the cluster's rate-limit store failed", failure);
      return local.get().result();
    });
  }
}
