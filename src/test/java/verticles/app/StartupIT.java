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
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
      Api.Reply registered = Poll.value("the server to listen", Duration.ofSeconds(60), () -> {
        assertTrue(server.isAlive(), () -> "the server did not come up:\n" + server.output());
        try {
          return api.post("/douyin/user/register/", "username", "jar_user", "password", "secret123");
        } catch (Exception e) {
          return null; // connection refused until the server listens
        }
      });
      assertEquals(0, registered.code(), registered.toString());
      assertEquals(0, api.post("/douyin/user/login/", "username", "jar_user", "password", "secret123").code());
      assertTrue(Files.exists(Path.of(dataDir, "db")), "the embedded database lives under the data directory");
      api.close();
    }
  }

  @Test
  void anUnreachableDatabaseStopsStartupWithOneLine() throws Exception {
    assertFailsWithOneLine(Map.of("VERTOK_DB_URL", "mysql://root@127.0.0.1:1/vertok", "VERTOK_JWT_SECRET", SECRET),
        "database MySQL/MariaDB root@127.0.0.1:1/vertok is not usable");
  }

  @Test
  void productionRefusesTheDevelopmentSecret() throws Exception {
    assertFailsWithOneLine(Map.of("VERTOK_DB_URL", "mysql://root@127.0.0.1:3306/vertok"), "refusing to start");
    assertFailsWithOneLine(Map.of("VERTOK_DB_URL", "mysql://root@127.0.0.1:3306/vertok", "VERTOK_JWT_SECRET", "short"),
        "at least 32 characters");
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
