package verticles.ratelimit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Buckets and failed-login counts in the cluster's Hazelcast, one entry per subject in the maps
 * {@link #BUCKETS} and {@link #FAILURES}: Bucket4j updates a bucket with an entry processor on the
 * member that owns its partition, so every gateway of the cluster takes from the same bucket,
 * exactly, in one network round trip. A bucket's entry expires once it would be full again; a
 * failed-login count after its {@code keepMs}.
 */
final class HazelcastStore implements LimitStore {
  static final String BUCKETS = "vertok-rate-buckets";
  static final String FAILURES = "vertok-login-failures";
  private static final Quota WARM_UP = new Quota("warm-up", "warm-ups per second", 1, Duration.ofSeconds(1));

  private final Vertx vertx;
  private final AsyncProxyManager<String> buckets;
  private final IMap<String, long[]> failures;

  private HazelcastStore(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    IMap<String, byte[]> bucketMap = hazelcast.getMap(BUCKETS);
    this.buckets = Bucket4jHazelcast.entryProcessorBasedBuilder(bucketMap)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
        .build()
        .asAsync();
    this.failures = hazelcast.getMap(FAILURES);
  }

  /**
   * The store, warmed: one bucket taken and one count read at once, so that the first requests'
   * (often a burst's) do not pay for loading Bucket4j's classes and creating the maps, which on a
   * cold JVM can outlast {@code rate_store_timeout_ms} and send them to the fallback.
   */
  static HazelcastStore warm(Vertx vertx, HazelcastInstance hazelcast) {
    HazelcastStore store = new HazelcastStore(vertx, hazelcast);
    store.take(WARM_UP, "node");
    store.failures(WARM_UP.key("node"));
    return store;
  }

  @Override
  public Future<ConsumptionProbe> take(Quota quota, String subject) {
    return here(buckets.builder().build(quota.key(subject), quota.configuration()).tryConsumeAndReturnRemaining(1));
  }

  @Override
  public Future<long[]> failures(String key) {
    return here(failures.getAsync(key));
  }

  @Override
  public Future<Void> recordFailure(String key, long nowMs, long keepMs) {
    return here(failures.submitToKey(key, new RecordFailure(nowMs, keepMs))).mapEmpty();
  }

  @Override
  public Future<Void> clearFailures(String key) {
    return here(failures.removeAsync(key)).mapEmpty();
  }

  /** Hazelcast completes on its own threads: the caller goes on on its event loop. */
  private <T> Future<T> here(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }

  /** Counts one more failure on the member that owns the key (and its backup), and restarts the count's time to live. */
  static final class RecordFailure implements EntryProcessor<String, long[], long[]> {
    private final long nowMs;
    private final long keepMs;

    RecordFailure(long nowMs, long keepMs) {
      this.nowMs = nowMs;
      this.keepMs = keepMs;
    }

    @Override
    public long[] process(Map.Entry<String, long[]> entry) {
      long[] recorded = entry.getValue();
      long[] next = {recorded == null ? 1 : recorded[0] + 1, nowMs};
      ((ExtendedMapEntry<String, long[]>) entry).setValue(next, keepMs, TimeUnit.MILLISECONDS);
      return next;
    }
  }
}
