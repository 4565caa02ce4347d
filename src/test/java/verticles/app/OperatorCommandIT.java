package verticles.app;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.Role;
import verticles.support.BridgeClient;
import verticles.support.JarProcess;
import verticles.support.TestApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vertok operator add} records an operator in the server's database; the server then signs them in. */
@ExtendWith(VertxExtension.class)
class OperatorCommandIT {
  private static final String PASSWORD = "operator-password-from-stdin";

  @Test
  void anOperatorAddedOnTheCommandLineSignsInOnTheBridge(Vertx vertx) throws Exception {
    Path dataDir = Files.createTempDirectory("vertok-operator");
    Map<String, String> env = new HashMap<>(Map.of("VERTOK_DATA_DIR", dataDir.toString(), "VERTOK_BCRYPT_COST", "4"));
    JsonObject settings = new JsonObject().put("data_dir", dataDir.toString()).put("bridge_port", TestApp.freePort());
    String database = TestApp.isMariaDb() ? TestApp.createDatabase(vertx) : null;
    if (database != null) {
      env.put("VERTOK_DB_URL", TestApp.databaseUrl(database));
      settings.put("db_url", TestApp.databaseUrl(database));
    }
    try {
      assertEquals(0, add(env, PASSWORD + "\n", "ops-cli", "--role", "moderator"), "added");
      assertEquals(1, add(env, PASSWORD + "\n", "ops-cli", "--role", "moderator"), "a name is taken once");
      assertEquals(1, add(env, PASSWORD + "\n", "ops-root", "--role", "root"), "unknown role");
      assertEquals(1, add(env, "short\n", "ops-short", "--role", "viewer"), "a short password");

      TestApp app = TestApp.start(vertx, settings, Role.parse("gateway,user"));
      try (BridgeClient tool = BridgeClient.tcp(vertx, settings.getInteger("bridge_port"))) {
        assertEquals("moderator", tool.signIn("ops-cli", PASSWORD).getString("role"));
      } finally {
        app.close();
      }
    } finally {
      if (database != null) {
        TestApp.dropDatabase(vertx, database);
      }
    }
  }

  /** Runs {@code operator add NAME ARGS} with {@code stdin}; its exit code. */
  private static int add(Map<String, String> env, String stdin, String name, String... args) throws InterruptedException {
    String[] command = new String[3 + args.length];
    command[0] = "operator";
    command[1] = "add";
    command[2] = name;
    System.arraycopy(args, 0, command, 3, args.length);
    JarProcess process = JarProcess.start(env, command);
    process.input(stdin);
    int code = process.waitForExit(120);
    String output = process.output();
    if (code == 0) {
      assertTrue(output.contains("operator " + name + " added"), output);
    } else {
      assertTrue(output.contains("already exists") || output.contains("role must be one of")
          || output.contains("password must be"), output);
    }
    return code;
  }
}
