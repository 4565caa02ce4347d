package verticles.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import verticles.common.Failure;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bcrypt on a small pool of its own, never on an event loop. The pool has one thread per core:
 * hashing is pure CPU, so more threads would not hash faster, they would only take CPU time from
 * the event loops and slow every other request. Passwords longer than bcrypt's 72 bytes (32 CJK
 * characters are 96 bytes of UTF-8) are pre-hashed with SHA-512 so that every byte counts.
 *
 * <p>At most {@link #MAX_PENDING} hashes wait or run at once: past that a request fails at once with
 * 429 (try again) instead of queueing for longer than any client waits. 429 is not a fault of the
 * domain, so it does not open circuits.
 */
final class PasswordHasher {
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
  static final int MAX_PENDING = 256;
  private final AtomicInteger pending = new AtomicInteger();
  private final WorkerExecutor workers;
  private final int cost;
  private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
  private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));

  PasswordHasher(Vertx vertx, int cost) {
    this.workers = vertx.createSharedWorkerExecutor("vertok-password", Runtime.getRuntime().availableProcessors());
    this.cost = cost;
  }

  Future<String> hash(String password) {
    return bounded(() -> hasher.hashToString(cost, password.toCharArray()));
  }

  Future<Boolean> verify(String password, String hash) {
    return bounded(() -> verifyer.verify(password.getBytes(StandardCharsets.UTF_8),
        hash.getBytes(StandardCharsets.UTF_8)).verified);
  }

  private <T> Future<T> bounded(Callable<T> work) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      return Future.failedFuture(new Failure(429, "too many sign-ins at once, try again in a few seconds"));
    }
    return workers.executeBlocking(work, false).andThen(done -> pending.decrementAndGet());
  }
}
