package verticles.common.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import verticles.common.config.ConfigException;

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

  static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null && (t instanceof SQLException || t instanceof java.io.IOException)) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      message = t.toString();
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
