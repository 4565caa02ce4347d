package verticles.common.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Counter;

/**
 * Which generation of Redis keys a verticle instance may use, and for how long (docs/caching.md,
 * "When Redis fails"). The generation is a counter the whole cluster shares (Hazelcast; this
 * JVM's without a cluster); every cached key names it. An instance reads the counter every
 * {@link #RENEW_MS} and holds a lease of {@link #LEASE_MS} from when that read was sent: without a
 * valid lease it does not touch Redis. A write whose invalidation could not reach Redis
 * {@link #fence fences}: it moves the counter on and waits one lease before it is acknowledged,
 * so every instance then either has no lease or uses the new generation, whose keys were all
 * filled from the database after the write. A new generation is filled only one lease after this
 * instance learnt it, when no instance can still be invalidating keys of the old one.
 *
 * <p>Used only from its verticle's event loop.
 */
final class GenerationLease {
  static final long LEASE_MS = 500;
  static final long RENEW_MS = 100;
  /** How long a fence retries moving the counter (the cluster unreachable) before the write fails. */
  private static final int FENCE_ATTEMPTS = 50;
  private static final long NANOS_PER_MS = 1_000_000L;

  private final Vertx vertx;
  private final String name;
  private Counter counter;
  private long generation = -1;
  private long validUntil;
  private long fillableFrom = Long.MAX_VALUE;
  private long timer = -1;
  private Fence fence;

  private record Fence(long startedAt, Future<Void> done) {
  }

  GenerationLease(Vertx vertx, String name) {
    this.vertx = vertx;
    this.name = name;
  }

  /** Gets the counter and takes the first lease (which may fail: the instance then starts without Redis). */
  Future<Void> start() {
    return vertx.sharedData().getCounter(name).compose(c -> {
      counter = c;
      timer = vertx.setPeriodic(RENEW_MS, id -> renew());
      return renew().otherwiseEmpty();
    });
  }

  private Future<Void> renew() {
    if (counter == null) {
      return Future.succeededFuture();
    }
    long sent = System.nanoTime();
    return counter.get().map(current -> {
      long now = System.nanoTime();
      if (current != generation) {
        generation = current;
        fillableFrom = now + LEASE_MS * NANOS_PER_MS;
      }
      validUntil = sent + LEASE_MS * NANOS_PER_MS;
      return null;
    });
  }

  /** The generation to read and invalidate keys of, or -1: no valid lease, leave Redis alone. */
  long generation() {
    return System.nanoTime() < validUntil ? generation : -1;
  }

  /** Whether keys of the current generation may be filled from the database now. */
  boolean fillable() {
    long now = System.nanoTime();
    return now < validUntil && now >= fillableFrom;
  }

  /**
   * Completes once no instance can read a key written before {@code committedAt} (a
   * {@link System#nanoTime} taken after the write committed): a fence begun after that moment,
   * this one or one in progress, has moved the generation on and waited a lease.
   */
  Future<Void> fence(long committedAt) {
    if (fence != null && fence.startedAt() >= committedAt && !fence.done().failed()) {
      return fence.done();
    }
    validUntil = 0;
    Promise<Void> done = Promise.promise();
    fence = new Fence(System.nanoTime(), done.future());
    bump(FENCE_ATTEMPTS, done);
    return done.future();
  }

  private void bump(int attempts, Promise<Void> done) {
    Future<Long> moved = counter == null ? Future.failedFuture("no generation counter") : counter.incrementAndGet();
    moved.onSuccess(next -> vertx.setTimer(LEASE_MS, id -> done.complete()))
        .onFailure(e -> {
          if (attempts <= 1) {
            done.fail(e);
          } else {
            vertx.setTimer(RENEW_MS, id -> bump(attempts - 1, done));
          }
        });
  }

  void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
