package verticles.common.db;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MigrationsTest {
  @Test
  void theRetriesCoverTheWaitWithABackoffCappedAtTenSeconds() {
    assertEquals(0, Migrations.retriesFor(0), "no wait: one attempt");
    assertEquals(1, Migrations.retriesFor(1));
    assertEquals(2, Migrations.retriesFor(3));
    // 1 + 2 + 4 + 8 = 15 s, then every 10 s: 25, 35, 45, 55, 65.
    assertEquals(9, Migrations.retriesFor(60));
    assertEquals(4, Migrations.retriesFor(15));
  }
}
