package verticles.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
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
import verticles.support.Users;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateways of one cluster in two JVMs (this one, gateway only; a jar process, gateway, user
 * and relation domains), both counting the same rate limits: a burst of registers from one
 * address split between them admits the limit once in total, not once per gateway, and so does a
 * burst of one user's follows; failed logins through one gateway make the other wait; both say
 * {@code shared} in /health. When this gateway's Hazelcast goes away, its limits fall back to per
 * node and /health says so.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterRateLimitIT {
  private static final String SECRET = "cluster-test-secret-0123456789abcdefghij";
  private static final int REGISTER_LIMIT = 20;
  private static final int BURST = 120;
  private static final int WRITE_LIMIT = 10;
  /**
   * The burst comes right after the nodes started, on a test machine that runs other builds: the
   * store gets time enough that the burst measures the shared count, not the fallback.
   */
  private static final int STORE_TIMEOUT_MS = 5000;

  private final String cluster = "vertok-it-" + UUID.randomUUID();
  private Vertx vertx;
  private JarProcess other;

  @AfterEach
  void stop() throws Exception {
    if (other != null) {
      other.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoGatewaysCountOneLimitAndFallBackToPerNodeWithoutTheCluster() throws Exception {
    int port = TestApp.freePort();
    int otherPort = TestApp.freePort();
    Config config = Config.withOverrides(TestApp.testSettings()
        .put(Setting.HTTP_PORT.key(), port)
        .put(Setting.JWT_SECRET.key(), SECRET)
        .put(Setting.CLUSTER_NAME.key(), cluster)
        .put(Setting.RATE_LIMITS.key(), true)
        .put(Setting.RATE_REGISTER_PER_IP_PER_MINUTE.key(), REGISTER_LIMIT)
        .put(Setting.RATE_LOGIN_FREE_FAILURES.key(), 2)
        .put(Setting.RATE_LOGIN_BACKOFF_MS.key(), 60_000)
        .put(Setting.RATE_WRITES_PER_USER_PER_SECOND.key(), WRITE_LIMIT)
        .put(Setting.RATE_STORE_TIMEOUT_MS.key(), STORE_TIMEOUT_MS));
    vertx = Main.createVertx(config, true).await();
    Node.deploy(vertx, config, Role.parse("gateway")).await();
    Map<String, String> env = new HashMap<>(Map.of(
        "VERTOK_CLUSTER_NAME", cluster,
        "VERTOK_JWT_SECRET", SECRET,
        "VERTOK_HTTP_PORT", Integer.toString(otherPort),
        "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-ratelimit-node").toString(),
        "VERTOK_BCRYPT_COST", "4",
        "VERTOK_RATE_LIMITS", "true",
        "VERTOK_RATE_REGISTER_PER_IP_PER_MINUTE", Integer.toString(REGISTER_LIMIT),
        "VERTOK_RATE_LOGIN_FREE_FAILURES", "2",
        "VERTOK_RATE_LOGIN_BACKOFF_MS", "60000", "VERTOK_RATE_STORE_TIMEOUT_MS", Integer.toString(STORE_TIMEOUT_MS)));
    env.put("VERTOK_RATE_WRITES_PER_USER_PER_SECOND", Integer.toString(WRITE_LIMIT));
    other = JarProcess.start(env, "--cluster", "--roles", "gateway,user,relation");
    Api here = new Api(vertx, port);
    Api there = new Api(vertx, otherPort);
    awaitUserDomain(here);
    awaitUserDomain(there);
    assertEquals("shared", mode(here));
    assertEquals("shared", mode(there));
    // The writer and the followed, registered before the burst takes the address's registers.
    Users.Account fan = Users.register(here, "fan");
    Users.Account star = Users.register(there, "star");

    WebClient toHere = burstClient(port);
    WebClient toThere = burstClient(otherPort);
    List<Future<HttpResponse<Buffer>>> registers = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      registers.add((i % 2 == 0 ? toHere : toThere).post("/douyin/user/register/")
          .addQueryParam("username", Users.uniqueName("burst")).addQueryParam("password", "secret123").send());
    }
    Future.join(registers).await();
    int admitted = 0;
    for (Future<HttpResponse<Buffer>> register : registers) {
      HttpResponse<Buffer> response = register.result();
      int code = response.bodyAsJsonObject().getInteger("status_code");
      if (code == 0) {
        admitted++;
      } else {
        assertEquals(429, response.statusCode(), response.bodyAsString());
        assertEquals(429, code, response.bodyAsString());
        assertTrue(response.getHeader("Retry-After") != null, response.headers().toString());
      }
    }
    // The writer and the followed took two of the address's registers.
    int left = REGISTER_LIMIT - 2;
    assertTrue(admitted >= left && admitted <= left + REGISTER_LIMIT * 0.05,
        "two gateways admitted " + admitted + " registers of one address for the " + left + " left of a limit of " + REGISTER_LIMIT);

    // One user's follows at once (a follow again changes nothing), split over both gateways: the write limit once in
    // total (plus what refills while the burst lasts), where per-node buckets would admit it twice.
    long started = System.nanoTime();
    List<Future<HttpResponse<Buffer>>> writes = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      writes.add((i % 2 == 0 ? toHere : toThere).post("/douyin/relation/action/").addQueryParam("token", fan.token())
          .addQueryParam("to_user_id", Long.toString(star.id())).addQueryParam("action_type", "1").send());
    }
    Future.join(writes).await();
    double seconds = (System.nanoTime() - started) / 1e9;
    int written = 0;
    for (Future<HttpResponse<Buffer>> write : writes) {
      HttpResponse<Buffer> response = write.result();
      if (response.statusCode() == 429) {
        assertEquals(429, response.bodyAsJsonObject().getInteger("status_code"), response.bodyAsString());
      } else {
        assertEquals(0, response.bodyAsJsonObject().getInteger("status_code"), response.bodyAsString());
        written++;
      }
    }
    double allowed = WRITE_LIMIT + WRITE_LIMIT * seconds;
    assertTrue(written >= WRITE_LIMIT && written <= allowed * 1.05 + 1,
        "two gateways admitted " + written + " writes of one user in " + seconds + " s for a limit of " + WRITE_LIMIT
            + " a second (" + allowed + " with the refill)");

    Api.Reply first = here.post("/douyin/user/login/", "username", "nobody", "password", "wrong");
    Api.Reply second = there.post("/douyin/user/login/", "username", "nobody", "password", "wrong");
    assertTrue(first.status() == 200 && second.status() == 200, first + " / " + second);
    Api.Reply waiting = here.post("/douyin/user/login/", "username", "nobody", "password", "wrong");
    assertEquals(429, waiting.status(), "the failures through both gateways count together: " + waiting);
    assertEquals(60, Long.parseLong(waiting.raw().getHeader("Retry-After")), waiting.raw().headers().toString());

    // This gateway loses its Hazelcast: its limits are counted per node, its buckets fresh.
    ((HazelcastClusterManager) ((VertxInternal) vertx).clusterManager()).getHazelcastInstance()
        .getLifecycleService().terminate();
    Poll.until("the limits to fall back to per node", Duration.ofSeconds(30), () -> {
      here.post("/douyin/user/register/", "username", Users.uniqueName("alone"), "password", "secret123");
      return "per-node".equals(mode(here));
    });
    Api.Reply refused = Poll.value("the per-node limit", Duration.ofSeconds(30), () -> {
      Api.Reply reply = here.post("/douyin/user/register/", "username", Users.uniqueName("alone"), "password", "secret123");
      return reply.status() == 429 ? reply : null;
    });
    assertTrue(refused.message().contains(REGISTER_LIMIT + " registers per minute"), refused.toString());
    toHere.close();
    toThere.close();
    here.close();
    there.close();
  }

  private WebClient burstClient(int port) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(BURST / 2));
  }

  private static String mode(Api api) {
    return api.get("/health").body().getJsonObject("rate_limits").getString("mode");
  }

  /** Polls a read (it takes no token of the register or login limits) until the user domain answers through {@code api}. */
  private void awaitUserDomain(Api api) {
    Poll.until("the user domain to answer", Duration.ofSeconds(90), () -> {
      assertTrue(other.isAlive(), () -> "the other node died:\n" + other.output());
      try {
        return api.get("/douyin/user/", "user_id", "1").status() == 200;
      } catch (Exception notListeningYet) {
        return false;
      }
    });
  }
}
