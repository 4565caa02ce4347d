package verticles.common.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import verticles.common.Causes;
import verticles.common.config.ConfigException;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Brings the schema up to date with Flyway (blocking JDBC: call it from a worker or from main).
 * A database that does not answer yet (a container starting beside this one) is retried with a
 * backoff of 1, 2, 4, 8, then every {@value #MAX_RETRY_INTERVAL_SECONDS} seconds, for about
 * {@code waitSeconds} in all; then startup fails with what the driver said.
 */
public final class Migrations {
  static final int MAX_RETRY_INTERVAL_SECONDS = 10;

  private Migrations() {
  }

  public static void migrate(DbTarget target, int waitSeconds) {
    try {
      Flyway.configure()
          .dataSource(target.jdbcUrl(), target.user(), target.password())
          .locations("classpath:db/migration")
          .connectRetries(retriesFor(waitSeconds))
          .connectRetriesInterval(MAX_RETRY_INTERVAL_SECONDS)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new ConfigException("database " + target.describe() + " is not usable: " + rootMessage(e));
    }
  }

  /** How many retries Flyway's backoff (1 s doubling up to the cap) needs to wait at least {@code waitSeconds}. */
  static int retriesFor(int waitSeconds) {
    int retries = 0;
    long waited = 0;
    for (int interval = 1; waited < waitSeconds; interval = Math.min(interval * 2, MAX_RETRY_INTERVAL_SECONDS)) {
      waited += interval;
      retries++;
    }
    return retries;
  }

  /** The message of the deepest SQL or IO failure in the chain (what the driver said), else of {@code e}. */
  static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t : Causes.chain(e)) {
      if (t != e && t.getMessage() != null && (t instanceof SQLException || t instanceof IOException)) {
        message = t.getMessage();
      }
    }
    return Causes.firstLine(message != null ? message : Causes.root(e).toString());
  }
}
