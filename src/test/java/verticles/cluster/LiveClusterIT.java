package verticles.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import verticles.Main;
import verticles.Node;
import verticles.Role;
import verticles.common.bus.BusClient;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.events.RabbitNames;
import verticles.support.Api;
import verticles.support.JarProcess;
import verticles.support.LiveClient;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.video.VideoClient;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live push across two clustered nodes: a child JVM from the jar runs every role, this JVM a
 * gateway. Viewers of one video split across both receive every danmaku posted on either, and
 * each node holds one clustered registration for the video, however many of its sockets watch it.
 * In the services profile the events go through RabbitMQ and the full node's data is in MariaDB.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LiveClusterIT {
  private static final String SECRET = "cluster-test-secret-0123456789abcdefghij";
  private static final int PER_NODE = 3;
  private Vertx vertx;
  private JarProcess full;
  private RabbitNames broker;
  private String database;

  @AfterEach
  void stop() throws Exception {
    if (full != null) {
      full.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (broker != null || database != null) {
      Vertx cleaner = Vertx.vertx();
      try {
        if (broker != null) {
          TestApp.deleteBrokerObjects(cleaner, TestApp.rabbitMqUrl(), broker);
        }
        if (database != null) {
          TestApp.dropDatabase(cleaner, database);
        }
      } finally {
        cleaner.close().await();
      }
    }
  }

  @Test
  void viewersOnBothNodesReceiveADanmakuPostedOnEither() throws Exception {
    String cluster = "vertok-it-" + UUID.randomUUID();
    int gatewayPort = TestApp.freePort();
    int fullPort = TestApp.freePort();
    JsonObject settings = TestApp.testSettings()
        .put(Setting.HTTP_PORT.key(), gatewayPort)
        .put(Setting.JWT_SECRET.key(), SECRET)
        .put(Setting.CLUSTER_NAME.key(), cluster);
    Map<String, String> env = new HashMap<>(Map.of(
        "VERTOK_CLUSTER_NAME", cluster,
        "VERTOK_JWT_SECRET", SECRET,
        "VERTOK_HTTP_PORT", Integer.toString(fullPort),
        "VERTOK_HTTP_HOST", "127.0.0.1",
        "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-live-node").toString(),
        "VERTOK_BCRYPT_COST", "4"));
    // In the services profile the events go through RabbitMQ (the live queue's single active
    // consumer is one of the two nodes' relays) and the full node keeps its data in MariaDB.
    if (!TestApp.rabbitMqUrl().isEmpty()) {
      broker = new RabbitNames("vertok_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
      settings.put(Setting.RABBITMQ_URL.key(), TestApp.rabbitMqUrl()).put(Setting.RABBITMQ_PREFIX.key(), broker.prefix());
      env.put("VERTOK_RABBITMQ_URL", TestApp.rabbitMqUrl());
      env.put("VERTOK_RABBITMQ_PREFIX", broker.prefix());
    }
    Config config = Config.withOverrides(settings);
    vertx = Main.createVertx(config, true).await();
    Node.deploy(vertx, config, Role.parse("gateway")).await();
    if (TestApp.isMariaDb()) {
      database = TestApp.createDatabase(vertx);
      env.put("VERTOK_DB_URL", TestApp.databaseUrl(database));
    }
    full = JarProcess.start(env, "--cluster");
    Api gateway = new Api(vertx, gatewayPort);
    Api other = new Api(vertx, fullPort);
    Account author = Poll.value("both nodes to serve", Duration.ofSeconds(90), () -> {
      assertTrue(full.isAlive(), () -> "the full node died:\n" + full.output());
      try {
        Account a = Users.register(gateway, "live_cluster");
        return other.get("/health").status() == 200 ? a : null;
      } catch (AssertionError | Exception notYet) {
        return null;
      }
    });
    VideoClient videos = new VideoClient(new BusClient(vertx, config));
    long videoId = videos
        .create(author.id(), "watched", "/media/videos/x.mp4", "/media/covers/x.jpg", "local", null, 0).await().videoId();

    WebSocketClient client = LiveClient.client(vertx, 16);
    List<LiveClient> viewers = new ArrayList<>();
    try {
      for (int i = 0; i < PER_NODE; i++) {
        for (int port : new int[] {gatewayPort, fullPort}) {
          LiveClient viewer = LiveClient.open(client, port, Users.register(gateway, "viewer").token());
          viewer.watch(videoId);
          viewers.add(viewer);
        }
      }
      LiveClient elsewhere = LiveClient.open(client, gatewayPort, Users.register(gateway, "elsewhere").token());
      elsewhere.watch(videos.create(author.id(), "elsewhere", "/media/videos/y.mp4", "/media/covers/y.jpg", "local", null, 0)
          .await().videoId());
      viewers.add(elsewhere);
      for (Api node : List.of(gateway, other)) {
        JsonObject live = node.get("/health").body().getJsonObject("live");
        assertEquals(PER_NODE + (node == gateway ? 1 : 0), live.getLong("sockets"), live.toString());
        assertEquals(node == gateway ? 2 : 1, live.getLong("video_registrations"),
            "one registration per watched video on a node, not one per viewer: " + live);
      }
      List<LiveClient> watching = viewers.subList(0, 2 * PER_NODE);

      // Registrations reach the other member's view of the cluster a moment after they are made.
      long[] lastPost = {0};
      Poll.until("every viewer to hear the danmaku", Duration.ofSeconds(60), () -> {
        if (watching.stream().allMatch(v -> !v.all("danmaku").isEmpty())) {
          return true;
        }
        if (System.nanoTime() - lastPost[0] > TimeUnit.MILLISECONDS.toNanos(250)) {
          lastPost[0] = System.nanoTime();
          assertEquals(0, post(gateway, Users.register(gateway, "warm"), videoId, "warm-up").code());
        }
        return false;
      });

      assertEquals(0, post(other, Users.register(other, "on_full"), videoId, "posted on the full node").code());
      assertEquals(0, post(gateway, Users.register(gateway, "on_gw"), videoId, "posted on the gateway node").code());
      for (LiveClient viewer : watching) {
        viewer.await("the full node's danmaku", saying("posted on the full node"));
        viewer.await("the gateway node's danmaku", saying("posted on the gateway node"));
      }
      assertEquals(List.of(), elsewhere.all("danmaku"), "a viewer of another video hears none");
    } finally {
      viewers.forEach(LiveClient::close);
      gateway.close();
      other.close();
    }
  }

  private static Api.Reply post(Api api, Account who, long videoId, String content) {
    return api.post("/douyin/danmaku/action/", "token", who.token(), "video_id", Long.toString(videoId),
        "content", content, "progress_ms", "0");
  }

  private static Predicate<JsonObject> saying(String content) {
    return e -> e.getString("type").equals("danmaku") && e.getJsonObject("danmaku").getString("content").equals(content);
  }
}
