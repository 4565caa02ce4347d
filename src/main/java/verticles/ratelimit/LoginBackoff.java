package verticles.ratelimit;

/**
 * The growing wait after failed logins of one user name from one address: the first
 * {@code freeFailures} cost nothing, then each failure doubles the wait before the next try,
 * from {@code baseMs} up to {@code maxMs}. A count is forgotten {@code maxMs} after its last
 * failure, and at once when a login succeeds.
 */
record LoginBackoff(int freeFailures, long baseMs, long maxMs) {

  /** How long a login must still wait after {@code failures} ({@code {count, last failure ms, …}}, or null), at {@code nowMs}. */
  long waitMs(long[] failures, long nowMs) {
    if (failures == null || failures[0] < freeFailures) {
      return 0;
    }
    long doublings = Math.min(failures[0] - freeFailures, 30);
    long wait = Math.min(maxMs, baseMs << doublings);
    return Math.max(0, failures[1] + wait - nowMs);
  }
}
