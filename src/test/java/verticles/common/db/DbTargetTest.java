package verticles.common.db;

import org.junit.jupiter.api.Test;
import verticles.common.config.ConfigException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DbTargetTest {
  @Test
  void noUrlIsTheEmbeddedDatabaseUnderTheDataDirectory() {
    DbTarget target = DbTarget.parse("", Path.of("/tmp/data"));
    assertEquals(DbTarget.Kind.H2, target.kind());
    assertTrue(target.jdbcUrl().startsWith("jdbc:h2:file:/tmp/data/db/vertok;MODE=MySQL"), target.jdbcUrl());
  }

  @Test
  void aMysqlUrlIsParsedWithEncodedCredentials() {
    DbTarget target = DbTarget.parse("mysql://app:p%40ss%3Aword@db.internal:3307/vertok", Path.of("."));
    assertEquals(DbTarget.Kind.MYSQL, target.kind());
    assertEquals("app", target.user());
    assertEquals("p@ss:word", target.password());
    assertEquals("db.internal", target.host());
    assertEquals(3307, target.port());
    assertEquals("vertok", target.database());
    assertFalse(target.describe().contains("p@ss"));
  }

  @Test
  void defaultsArePort3306AndRoot() {
    DbTarget target = DbTarget.parse("mariadb://localhost/app", Path.of("."));
    assertEquals(3306, target.port());
    assertEquals("root", target.user());
  }

  @Test
  void badUrlsAreRefused() {
    assertThrows(ConfigException.class, () -> DbTarget.parse("postgres://h/db", Path.of(".")));
    assertThrows(ConfigException.class, () -> DbTarget.parse("mysql://h", Path.of(".")));
    assertThrows(ConfigException.class, () -> DbTarget.parse("mysql://h/a/b", Path.of(".")));
    assertThrows(ConfigException.class, () -> DbTarget.parse("mysql://h:x/db", Path.of(".")));
  }
}
