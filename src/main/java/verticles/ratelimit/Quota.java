package verticles.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/**
 * One limit: at most {@code tokens} requests per {@code period} for one subject (an address, a
 * user), refilled smoothly (a token every {@code period / tokens}), so a client that waits gets
 * its requests back one by one, never a whole period's worth at a boundary. {@code name} prefixes
 * the subject in the store's keys; {@code what} names the unit counted in a refusal ("10 logins
 * per minute from one address").
 */
record Quota(String name, String what, long tokens, Duration period) {
  /** The name of the back-off's refusals in {@code vertok_rate_limited_total{rule}}, beside the quotas' names. */
  static final String BACKOFF = "login-backoff";

  Bandwidth bandwidth() {
    return Bandwidth.builder().capacity(tokens).refillGreedy(tokens, period).build();
  }

  BucketConfiguration configuration() {
    return BucketConfiguration.builder().addLimit(bandwidth()).build();
  }

  /** The store's key of {@code subject}'s bucket for this limit. */
  String key(String subject) {
    return name + ":" + subject;
  }

  String describe() {
    return tokens + " " + what;
  }
}
