package verticles.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt on a small pool of its own, never on an event loop. The pool has one thread per core:
 * hashing is pure CPU, so more threads would not hash faster, they would only take CPU time from
 * the event loops and slow every other request. Passwords longer than bcrypt's 72 bytes (32 CJK
 * characters are 96 bytes of UTF-8) are pre-hashed with SHA-512 so that every byte counts.
 */
final class PasswordHasher {
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
  private final WorkerExecutor workers;
  private final int cost;
  private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
  private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));

  PasswordHasher(Vertx vertx, int cost) {
    this.workers = vertx.createSharedWorkerExecutor("vertok-password", Runtime.getRuntime().availableProcessors());
    this.cost = cost;
  }

  Future<String> hash(String password) {
    return workers.executeBlocking(() -> hasher.hashToString(cost, password.toCharArray()), false);
  }

  Future<Boolean> verify(String password, String hash) {
    return workers.executeBlocking(() -> verifyer.verify(password.getBytes(StandardCharsets.UTF_8),
        hash.getBytes(StandardCharsets.UTF_8)).verified, false);
  }
}
