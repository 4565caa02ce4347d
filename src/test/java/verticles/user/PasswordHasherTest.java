package verticles.user;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.common.Failure;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class PasswordHasherTest {
  @Test
  void hashesVerifyAndLongPasswordsCountWhole(Vertx vertx) {
    PasswordHasher hasher = new PasswordHasher(vertx, 4);
    String longPassword = "密".repeat(31) + "码";
    String hash = hasher.hash(longPassword).await();
    assertTrue(hash.startsWith("$2a$04$"));
    assertTrue(hasher.verify(longPassword, hash).await());
    assertFalse(hasher.verify("密".repeat(32), hash).await(), "the bytes past 72 count");
  }

  @Test
  void pastTheQueueBoundRequestsFailAtOnceWith429(Vertx vertx) {
    PasswordHasher hasher = new PasswordHasher(vertx, 6);
    List<Future<String>> hashes = new ArrayList<>();
    for (int i = 0; i < PasswordHasher.MAX_PENDING + 40; i++) {
      hashes.add(hasher.hash("password" + i));
    }
    Future.join(hashes).otherwiseEmpty().await();
    long shed = hashes.stream().filter(f -> f.failed() && f.cause() instanceof Failure failure && failure.code() == 429).count();
    long hashed = hashes.stream().filter(Future::succeeded).count();
    assertTrue(shed >= 1, "requests past the bound are refused");
    assertEquals(hashes.size(), shed + hashed, "every request either hashed or was refused with 429");
    assertTrue(hasher.hash("after the burst").await().startsWith("$2a$"), "the bound frees up again");
  }
}
