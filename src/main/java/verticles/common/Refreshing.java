package verticles.common;

import io.vertx.core.Future;

import java.util.function.LongFunction;

/**
 * A value computed at most every {@code maxAgeMs} and kept in memory (a ranking, a list of the
 * newest videos): callers within that time get the kept value; while it is being computed, callers
 * share that computation instead of starting their own. A failed computation keeps nothing: the
 * next caller tries again.
 */
public final class Refreshing<T> {
  private final long maxAgeMs;
  private final LongFunction<Future<T>> compute;
  // Volatile: a database future may complete its listeners on the thread that finished it.
  private volatile T value;
  private volatile long computedAt;
  private volatile Future<T> computing;

  /** {@code compute} gets the time it computes for (ms). */
  public Refreshing(long maxAgeMs, LongFunction<Future<T>> compute) {
    this.maxAgeMs = maxAgeMs;
    this.compute = compute;
  }

  public Future<T> get(long now) {
    T kept = value;
    if (kept != null && now - computedAt < maxAgeMs) {
      return Future.succeededFuture(kept);
    }
    Future<T> pending = computing;
    if (pending != null) {
      return pending;
    }
    Future<T> started = compute.apply(now);
    // Assigned before the listener is added: a future that is already complete clears it at once.
    computing = started;
    started.onComplete(done -> {
      if (computing == started) {
        computing = null;
      }
      if (done.succeeded()) {
        value = done.result();
        computedAt = now;
      }
    });
    return started;
  }
}
