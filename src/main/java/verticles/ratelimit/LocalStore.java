package verticles.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;

/** Buckets and failed-login counts in this node's memory, at most {@link #MAX_KEYS} of each (the least recently used are forgotten). */
final class LocalStore implements LimitStore {
  static final int MAX_KEYS = 100_000;

  private final RecentKeys<Bucket> buckets = new RecentKeys<>(MAX_KEYS);
  private final RecentKeys<long[]> failures = new RecentKeys<>(MAX_KEYS);

  @Override
  public Future<ConsumptionProbe> take(Quota quota, String subject) {
    return Future.succeededFuture(takeNow(quota, subject));
  }

  /** {@link #take} without a future: the read path's limit. */
  ConsumptionProbe takeNow(Quota quota, String subject) {
    Bucket bucket = buckets.computeIfAbsent(quota.key(subject), key -> Bucket.builder().addLimit(quota.bandwidth()).build());
    return bucket.tryConsumeAndReturnRemaining(1);
  }

  @Override
  public Future<long[]> failures(String key) {
    long[] recorded = failures.get(key);
    return Future.succeededFuture(recorded == null || System.currentTimeMillis() > recorded[2] ? null : recorded);
  }

  @Override
  public Future<Void> recordFailure(String key, long nowMs, long keepMs) {
    synchronized (failures) {
      long[] recorded = failures.get(key);
      long count = recorded == null || nowMs > recorded[2] ? 1 : recorded[0] + 1;
      failures.put(key, new long[] {count, nowMs, nowMs + keepMs});
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> clearFailures(String key) {
    failures.remove(key);
    return Future.succeededFuture();
  }
}
