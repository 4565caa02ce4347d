package verticles.support;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import verticles.common.db.Database;

/**
 * The rows MariaDB read for what a node did meanwhile: the sum of the session's
 * {@code Handler_read_*} counters before and after, on a node whose requests share one
 * connection (a database pool of size 1), read through that same connection. MariaDB only: H2 has
 * no such counters.
 */
public final class RowsRead {
  private RowsRead() {
  }

  /** Rows read on {@code app}'s request connection while {@code action} ran (blocking: call from the test thread). */
  public static long during(TestApp app, Runnable action) {
    Database db = app.node().database();
    long before = handlerReads(db).await();
    action.run();
    return handlerReads(db).await() - before;
  }

  private static Future<Long> handlerReads(Database db) {
    return db.query("SHOW SESSION STATUS LIKE 'Handler_read%'", Tuple.tuple()).map(rows -> {
      long sum = 0;
      for (Row row : rows) {
        sum += Long.parseLong(row.getString(1));
      }
      return sum;
    });
  }
}
