package verticles.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt on worker threads, never on an event loop. Passwords longer than bcrypt's 72 bytes (32
 * CJK characters are 96 bytes of UTF-8) are pre-hashed with SHA-512 so that every byte counts.
 */
final class PasswordHasher {
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
  private final Vertx vertx;
  private final int cost;
  private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
  private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));

  PasswordHasher(Vertx vertx, int cost) {
    this.vertx = vertx;
    this.cost = cost;
  }

  Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hasher.hashToString(cost, password.toCharArray()), false);
  }

  Future<Boolean> verify(String password, String hash) {
    return vertx.executeBlocking(() -> verifyer.verify(password.getBytes(StandardCharsets.UTF_8),
        hash.getBytes(StandardCharsets.UTF_8)).verified, false);
  }
}
