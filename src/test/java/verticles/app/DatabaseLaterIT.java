package verticles.app;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import verticles.common.db.DbTarget;
import verticles.support.Api;
import verticles.support.JarProcess;
import verticles.support.Poll;
import verticles.support.TestApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that starts before its database (containers started in any order): it retries with a
 * backoff instead of exiting and serves once MariaDB answers (StartupIT: a database that never
 * comes stops startup after {@code db_wait_seconds}). The "database that comes up later" is the
 * real MariaDB behind a TCP relay that starts listening only after the node is waiting. Needs
 * MariaDB: tagged "services".
 */
@Tag("services")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DatabaseLaterIT {
  private Vertx vertx;

  @AfterEach
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void aNodeStartedBeforeItsDatabaseServesOnceTheDatabaseAnswers() throws Exception {
    vertx = Vertx.vertx();
    String database = TestApp.createDatabase(vertx);
    DbTarget server = DbTarget.parse(TestApp.databaseUrl(database), Path.of("."));
    int relayPort = TestApp.freePort();
    int httpPort = TestApp.freePort();
    String viaRelay = "mysql://" + server.user() + ":" + server.password() + "@127.0.0.1:" + relayPort + "/" + database;
    try (JarProcess node = JarProcess.start(Map.of(
        "VERTOK_HTTP_HOST", "127.0.0.1",
        "VERTOK_HTTP_PORT", Integer.toString(httpPort),
        "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-db-later").toString(),
        "VERTOK_DB_URL", viaRelay,
        "VERTOK_DB_WAIT_SECONDS", "120",
        "VERTOK_BCRYPT_COST", "4"))) {
      Poll.until("the node to retry its database", Duration.ofSeconds(60), () -> {
        assertTrue(node.isAlive(), () -> "the node exited instead of waiting:\n" + node.output());
        return node.output().contains("Retrying");
      });
      NetServer relay = relay(server.host(), server.port()).listen(relayPort, "127.0.0.1").await();
      Api api = new Api(vertx, httpPort);
      Poll.until("the node to serve once the database answers", Duration.ofSeconds(60), () -> {
        assertTrue(node.isAlive(), () -> "the node died:\n" + node.output());
        try {
          return api.get("/health").status() == 200;
        } catch (Exception notListeningYet) {
          return false;
        }
      });
      Api.Reply registered = api.post("/douyin/user/register/", "username", "late-db", "password", "secret123");
      assertEquals(0, registered.code(), registered.toString());
      api.close();
      relay.close().await();
    } finally {
      TestApp.dropDatabase(vertx, database);
    }
  }

  /** A TCP relay to {@code host:port}: each connection is piped both ways to a new one there. */
  private NetServer relay(String host, int port) {
    return vertx.createNetServer().connectHandler(client -> {
      client.pause();
      vertx.createNetClient().connect(port, host).onComplete(connected -> {
        if (connected.failed()) {
          client.close();
          return;
        }
        NetSocket upstream = connected.result();
        client.pipeTo(upstream);
        upstream.pipeTo(client);
      });
    });
  }
}
