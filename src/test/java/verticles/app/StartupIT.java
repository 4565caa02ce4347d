package verticles.app;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.support.Api;
import verticles.support.JarProcess;
import verticles.support.Poll;
import verticles.support.TestApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar as an operator runs it: starts embedded with no arguments, fails fast with one line. */
@ExtendWith(VertxExtension.class)
class StartupIT {
  private static final String SECRET = "startup-test-secret-0123456789abcdefgh";

  @Test
  void withNoArgumentsItServesAccountsFromAnEmbeddedDatabase(Vertx vertx) throws Exception {
    int port = TestApp.freePort();
    String dataDir = Files.createTempDirectory("vertok-jar").toString();
    try (JarProcess server = JarProcess.start(Map.of("VERTOK_HTTP_PORT", Integer.toString(port), "VERTOK_DATA_DIR", dataDir))) {
      Api api = new Api(vertx, port);
      Api.Reply registered = firstAnswer(server, () -> api.post("/douyin/user/register/", "username", "jar_user", "password", "secret123"));
      assertEquals(0, registered.code(), registered.toString());
      assertEquals(0, api.post("/douyin/user/login/", "username", "jar_user", "password", "secret123").code());
      assertTrue(Files.exists(Path.of(dataDir, "db")), "the embedded database lives under the data directory");
      api.close();
    }
  }

  @Test
  void anUnreachableDatabaseStopsStartupWithOneLineAfterTheWait() throws Exception {
    // Retried for db_wait_seconds (DatabaseLaterIT: a database that comes up meanwhile is used).
    assertFailsWithOneLine(Map.of("VERTOK_DB_URL", "mysql://root@127.0.0.1:1/vertok", "VERTOK_JWT_SECRET", SECRET,
            "VERTOK_DB_WAIT_SECONDS", "3"),
        "database MySQL/MariaDB root@127.0.0.1:1/vertok is not usable");
  }

  @Test
  void aGeneratedSecretIsKeptForTheOwnerOnlyAndTokensSurviveARestart(Vertx vertx) throws Exception {
    int port = TestApp.freePort();
    Path dataDir = Files.createTempDirectory("vertok-jar");
    Map<String, String> env = Map.of("VERTOK_HTTP_PORT", Integer.toString(port), "VERTOK_DATA_DIR", dataDir.toString(),
        "VERTOK_BCRYPT_COST", "4");
    Api api = new Api(vertx, port);
    String token;
    String secret;
    try (JarProcess server = JarProcess.start(env)) {
      Api.Reply registered = firstAnswer(server, () -> api.post("/douyin/user/register/", "username", "keeper", "password", "secret123"));
      assertEquals(0, registered.code(), registered.toString());
      token = registered.body().getString("token");
      Path file = dataDir.resolve("jwt-secret");
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
      secret = Files.readString(file).trim();
      assertTrue(secret.length() >= 48, "a strong random secret: " + secret.length() + " characters");
      Poll.until("the listening addresses in the log", Duration.ofSeconds(10),
          () -> server.output().contains("listening on http://"));
      assertTrue(server.output().contains(":" + port), server.output());
    }
    try (JarProcess again = JarProcess.start(env)) {
      Api.Reply mine = firstAnswer(again, () -> api.get("/douyin/user/", "token", token));
      assertEquals(0, mine.code(), "the token issued before the restart is still valid: " + mine);
      assertEquals(secret, Files.readString(dataDir.resolve("jwt-secret")).trim(), "the secret is reused");
    }
    Path other = Files.createTempDirectory("vertok-jar");
    try (JarProcess elsewhere = JarProcess.start(Map.of("VERTOK_HTTP_PORT", Integer.toString(port),
        "VERTOK_DATA_DIR", other.toString()))) {
      Api.Reply mine = firstAnswer(elsewhere, () -> api.get("/douyin/user/", "token", token));
      assertEquals(401, mine.code(), "another data directory has another secret: " + mine);
      assertNotEquals(secret, Files.readString(other.resolve("jwt-secret")).trim());
    }
    api.close();
  }

  @Test
  void aSecretFileReadableByOthersStopsStartup() throws Exception {
    Path dataDir = Files.createTempDirectory("vertok-jar");
    Path file = dataDir.resolve("jwt-secret");
    Files.writeString(file, "x".repeat(48));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertFailsWithOneLine(Map.of("VERTOK_HTTP_PORT", Integer.toString(TestApp.freePort()), "VERTOK_DATA_DIR", dataDir.toString()),
        "is readable by others");
  }

  @Test
  void aClusterNeedsAConfiguredSecretAndNoSecretIsShort() throws Exception {
    assertFailsWithOneLine(Map.of(), "a cluster needs jwt_secret, the same on every node", "--cluster");
    assertFailsWithOneLine(Map.of("VERTOK_DB_URL", "mysql://root@127.0.0.1:3306/vertok", "VERTOK_JWT_SECRET", "short"),
        "jwt_secret must be at least 32 characters");
  }

  @Test
  void invalidConfigurationStopsStartupWithOneLine() throws Exception {
    assertFailsWithOneLine(Map.of("VERTOK_HTTP_PORT", "eighty"), "http_port must be a whole number");
    assertFailsWithOneLine(Map.of("VERTOK_HTTP_PROT", "1"), "unknown setting VERTOK_HTTP_PROT");
    assertFailsWithOneLine(Map.of(), "unknown role 'cook'", "--roles", "gateway,cook");
    assertFailsWithOneLine(Map.of(), "unknown argument '--bogus'", "--bogus");
    assertFailsWithOneLine(Map.of(), "demo content needs a node that runs the gateway and at least one domain",
        "--demo", "--roles", "gateway");
  }

  /** The first answer of a starting server to {@code request} (connections are refused until it listens). */
  private static Api.Reply firstAnswer(JarProcess server, Supplier<Api.Reply> request) {
    return Poll.value("the server to listen", Duration.ofSeconds(60), () -> {
      assertTrue(server.isAlive(), () -> "the server did not come up:\n" + server.output());
      try {
        return request.get();
      } catch (Exception e) {
        return null;
      }
    });
  }

  private static void assertFailsWithOneLine(Map<String, String> env, String expected, String... args) throws Exception {
    JarProcess server = JarProcess.start(env, args);
    int exit = server.waitForExit(60);
    String output = server.output();
    assertEquals(1, exit, output);
    String[] errorLines = output.lines().filter(l -> l.contains("ERROR")).toArray(String[]::new);
    assertEquals(1, errorLines.length, output);
    assertTrue(errorLines[0].contains("cannot start: ") && errorLines[0].contains(expected), output);
    assertFalse(output.contains("\tat "), "no stack trace: " + output);
  }
}
