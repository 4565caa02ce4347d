package verticles.common.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import verticles.common.Causes;
import verticles.common.config.ConfigException;

import java.io.IOException;
import java.sql.SQLException;

/** Brings the schema up to date with Flyway (blocking JDBC: call it from a worker or from main). */
public final class Migrations {
  private Migrations() {
  }

  public static void migrate(DbTarget target) {
    try {
      Flyway.configure()
          .dataSource(target.jdbcUrl(), target.user(), target.password())
          .locations("classpath:db/migration")
          .connectRetries(0)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new ConfigException("database " + target.describe() + " is not usable: " + rootMessage(e));
    }
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
