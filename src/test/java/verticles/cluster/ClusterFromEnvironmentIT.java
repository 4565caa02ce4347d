package verticles.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import verticles.support.Api;
import verticles.support.JarProcess;
import verticles.support.Poll;
import verticles.support.TestApp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes started from the jar with the settings the Kubernetes manifests give pods: Hazelcast's
 * Kubernetes discovery in DNS mode ({@code VERTOK_CLUSTER_DISCOVERY=kubernetes-dns}), the cluster
 * host by name, the same Hazelcast port and a fixed event-bus port. The "headless Service" is
 * {@code localhost}: its address, on the Hazelcast port, is the gateway node's, so the user node
 * (whose Hazelcast moves to the next port, the first being taken on this one machine) finds the
 * cluster through DNS and joins it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterFromEnvironmentIT {
  private static final String SECRET = "cluster-env-test-secret-0123456789abcdefgh";
  private JarProcess gatewayNode;
  private JarProcess userNode;
  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    for (JarProcess node : new JarProcess[] {userNode, gatewayNode}) {
      if (node != null) {
        node.close();
      }
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void nodesFindEachOtherThroughKubernetesDnsDiscoveryOnFixedPorts() throws Exception {
    int hazelcastPort = TestApp.freePort();
    int[] eventBusPorts = {TestApp.freePort(), TestApp.freePort()};
    int httpPort = TestApp.freePort();
    Map<String, String> cluster = new HashMap<>(Map.of(
        "VERTOK_CLUSTER_NAME", "vertok-it-" + UUID.randomUUID(),
        "VERTOK_CLUSTER_DISCOVERY", "kubernetes-dns",
        "VERTOK_CLUSTER_SERVICE_DNS", "localhost",
        "VERTOK_CLUSTER_HOST", "localhost",
        "VERTOK_CLUSTER_PORT", Integer.toString(hazelcastPort),
        "VERTOK_JWT_SECRET", SECRET,
        "VERTOK_BCRYPT_COST", "4"));

    Map<String, String> gatewayEnv = new HashMap<>(cluster);
    gatewayEnv.putAll(Map.of("VERTOK_HTTP_HOST", "127.0.0.1", "VERTOK_HTTP_PORT", Integer.toString(httpPort),
        "VERTOK_EVENTBUS_PORT", Integer.toString(eventBusPorts[0]),
        "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-gateway-node").toString()));
    gatewayNode = JarProcess.start(gatewayEnv, "--cluster", "--roles", "gateway");
    Poll.until("the gateway node's Hazelcast to listen", Duration.ofSeconds(60), () -> {
      assertTrue(gatewayNode.isAlive(), () -> "the gateway node died:\n" + gatewayNode.output());
      return listening("127.0.0.1", hazelcastPort);
    });

    Map<String, String> userEnv = new HashMap<>(cluster);
    userEnv.putAll(Map.of("VERTOK_EVENTBUS_PORT", Integer.toString(eventBusPorts[1]),
        "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-user-node").toString()));
    userNode = JarProcess.start(userEnv, "--cluster", "--roles", "user");

    vertx = Vertx.vertx();
    Api api = new Api(vertx, httpPort);
    JsonObject health = Poll.value("the user domain to join through DNS discovery", Duration.ofSeconds(120), () -> {
      assertTrue(gatewayNode.isAlive(), () -> "the gateway node died:\n" + gatewayNode.output());
      assertTrue(userNode.isAlive(), () -> "the user node died:\n" + userNode.output());
      try {
        JsonObject body = api.get("/health").body();
        JsonObject user = body.getJsonObject("domains").getJsonObject("user");
        boolean joined = "UP".equals(user.getString("status")) && "UP".equals(body.getString("cluster"))
            && user.getJsonArray("nodes").size() == 1;
        return joined ? body : null;
      } catch (Exception notListeningYet) {
        return null;
      }
    });
    JsonObject user = health.getJsonObject("domains").getJsonObject("user");
    assertEquals(user.getString("node"), user.getJsonArray("nodes").getString(0), "the user node answers and is listed: " + health.encode());

    Api.Reply registered = api.post("/douyin/user/register/", "username", "from-dns", "password", "secret123");
    assertEquals(0, registered.code(), registered.toString());
    Api.Reply login = api.post("/douyin/user/login/", "username", "from-dns", "password", "secret123");
    assertEquals(registered.body().getLong("user_id"), login.body().getLong("user_id"), login.toString());

    // The event bus of each node is on its fixed port (the user domain answered through it).
    for (int port : eventBusPorts) {
      assertTrue(listening("127.0.0.1", port), "the event bus listens on its fixed port " + port);
    }
    assertEquals(200, api.get("/health/live").status());
    Api.Reply ready = api.get("/ready");
    assertEquals(503, ready.status(), "only the user domain has a node: " + ready);
    assertTrue(ready.message().contains("no live node serves the video domain"), ready.toString());
    api.close();
  }

  private static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
