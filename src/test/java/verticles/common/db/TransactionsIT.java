package verticles.common.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.common.Failure;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Plain writes and transactions sharing pooled connections on the embedded database: a write made
 * outside a transaction, on a connection that ran one before, is committed at once and survives a
 * later rolled-back transaction on the same connection.
 */
@ExtendWith(VertxExtension.class)
class TransactionsIT {
  @Test
  void aPlainWriteAfterATransactionIsCommittedAtOnce(Vertx vertx) throws Exception {
    DbTarget target = DbTarget.parse("", Files.createTempDirectory("vertok-tx"));
    Migrations.migrate(target, 0);
    // One connection, so every statement below shares it.
    Database db = Database.connect(vertx, target, 1);
    try {
      db.transaction(c -> db.query(c, "INSERT INTO video_user_stats (user_id, work_count) VALUES (1, 1)", Tuple.tuple()))
          .await();
      db.query("INSERT INTO video_user_stats (user_id, work_count) VALUES (2, 1)", Tuple.tuple()).await();
      assertThrows(Failure.class, () -> db.transaction(c -> db.query(c,
              "INSERT INTO video_user_stats (user_id, work_count) VALUES (3, 1)", Tuple.tuple())
          .compose(v -> Future.failedFuture(Failure.conflict("refused")))).await());
      assertEquals(2L, db.query("SELECT COUNT(*) FROM video_user_stats", Tuple.tuple()).await().iterator().next().getLong(0),
          "rows 1 and 2 are committed; row 3 is rolled back");
    } finally {
      db.close().await();
    }
  }
}
