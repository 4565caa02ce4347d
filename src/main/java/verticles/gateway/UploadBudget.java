package verticles.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * The node's bounds on publish uploads: the bytes of upload bodies in flight (declared lengths,
 * from the request head until the response ends), and the uploads in progress per user. Shared by
 * the node's gateway instances.
 */
final class UploadBudget {
  private final long maxBytes;
  private final int perUser;
  private final Map<Long, Integer> users = new HashMap<>();
  private long bytes;

  UploadBudget(long maxBytes, int perUser) {
    this.maxBytes = maxBytes;
    this.perUser = perUser;
  }

  int perUser() {
    return perUser;
  }

  /** Takes {@code n} bytes of the budget, or nothing and false when they do not fit. */
  synchronized boolean reserveBytes(long n) {
    if (bytes + n > maxBytes) {
      return false;
    }
    bytes += n;
    return true;
  }

  synchronized void releaseBytes(long n) {
    bytes -= n;
  }

  /** Counts one more upload of {@code user}, or nothing and false when the user has the most already. */
  synchronized boolean admit(long user) {
    int n = users.getOrDefault(user, 0);
    if (n >= perUser) {
      return false;
    }
    users.put(user, n + 1);
    return true;
  }

  synchronized void release(long user) {
    users.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
  }
}
