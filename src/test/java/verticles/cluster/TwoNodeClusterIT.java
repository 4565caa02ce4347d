package verticles.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import verticles.Main;
import verticles.Node;
import verticles.Role;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.JarProcess;
import verticles.support.Poll;
import verticles.support.TestApp;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVMs in one Hazelcast cluster: this one runs only the gateway (no database), a child JVM
 * started from the jar runs only the user domain with its own data directory. The gateway comes
 * up first and answers 503 with the envelope until the user domain joins, then serves.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TwoNodeClusterIT {
  private static final String SECRET = "cluster-test-secret-0123456789abcdefghij";
  private Vertx gatewayVertx;
  private JarProcess userNode;

  @AfterEach
  void stop() throws Exception {
    if (userNode != null) {
      userNode.close();
    }
    if (gatewayVertx != null) {
      gatewayVertx.close().await();
    }
  }

  @Test
  void aGatewayNodeAndAUserNodeServeAccountsTogether() throws Exception {
    String cluster = "vertok-it-" + UUID.randomUUID();
    int port = TestApp.freePort();
    Config gatewayConfig = Config.withOverrides(TestApp.testSettings()
        .put(Setting.HTTP_PORT.key(), port)
        .put(Setting.JWT_SECRET.key(), SECRET)
        .put(Setting.CLUSTER_NAME.key(), cluster));
    gatewayVertx = Main.createVertx(gatewayConfig, true).await();
    Node gateway = Node.deploy(gatewayVertx, gatewayConfig, Role.parse("gateway")).await();
    assertEquals(null, gateway.database(), "a node that runs no domain opens no database");
    Api api = new Api(gatewayVertx, port);

    Api.Reply early = api.post("/douyin/user/register/", "username", "early", "password", "secret123");
    assertEquals(503, early.status(), early.toString());
    assertEquals(503, early.code());
    assertTrue(early.message().contains("user service is unavailable"), early.message());

    userNode = JarProcess.start(Map.of(
        "VERTOK_CLUSTER_NAME", cluster,
        "VERTOK_JWT_SECRET", SECRET,
        "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-user-node").toString(),
        "VERTOK_BCRYPT_COST", "4"), "--cluster", "--roles", "user");

    Api.Reply registered = until(() -> api.post("/douyin/user/register/", "username", "clustered", "password", "secret123"));
    long id = registered.body().getLong("user_id");
    Api.Reply login = api.post("/douyin/user/login/", "username", "clustered", "password", "secret123");
    assertEquals(0, login.code(), login.toString());
    assertEquals(id, login.body().getLong("user_id"));
    Api.Reply info = api.get("/douyin/user/", "token", login.body().getString("token"));
    assertEquals("clustered", info.body().getJsonObject("user").getString("name"));

    JsonObject user = api.get("/health").body().getJsonObject("domains").getJsonObject("user");
    assertEquals("UP", user.getString("status"));
    assertTrue(!user.getString("node").startsWith(ProcessHandle.current().pid() + "@"),
        "the user domain answers from the other JVM: " + user);
    api.close();
  }

  /** Repeats {@code call} until it answers success (the user node is joining), up to 90 seconds. */
  private Api.Reply until(Supplier<Api.Reply> call) {
    return Poll.value("the user node to serve", Duration.ofSeconds(90), () -> {
      assertTrue(userNode.isAlive(), () -> "the user node died:\n" + userNode.output());
      Api.Reply reply = call.get();
      if (reply.code() == 0) {
        return reply;
      }
      assertEquals(503, reply.status(), "until the domain joins, only 503: " + reply);
      return null;
    });
  }
}
