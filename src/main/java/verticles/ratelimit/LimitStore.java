package verticles.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;

/**
 * Where the buckets and the failed-login counts live: this node's memory ({@link LocalStore}), the
 * cluster's Hazelcast ({@link HazelcastStore}), or the cluster with this node's memory while the
 * cluster does not answer ({@link FallbackStore}).
 */
interface LimitStore {
  /** Takes one token from {@code subject}'s bucket of {@code quota}; the probe says whether there was one, else how long to wait. */
  Future<ConsumptionProbe> take(Quota quota, String subject);

  /** The failed logins recorded under {@code key}: {@code {count, last failure ms, …}}, or null when none. */
  Future<long[]> failures(String key);

  /** Records one more failed login under {@code key} at {@code nowMs}; the count is forgotten {@code keepMs} after the last one. */
  Future<Void> recordFailure(String key, long nowMs, long keepMs);

  /** Forgets the failed logins under {@code key} (a login succeeded). */
  Future<Void> clearFailures(String key);
}
