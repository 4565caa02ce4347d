package verticles.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.Main;
import verticles.Node;
import verticles.Role;
import verticles.common.bus.Domain;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.FollowLoad;
import verticles.support.JarProcess;
import verticles.support.Load;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway (this JVM) and two domain nodes (jar processes running every domain on one MariaDB
 * database) under load at 64 connections, reads and follows (an idempotent write): one domain
 * node is killed with SIGKILL, restarted, then the other stops with SIGTERM. After the kill the
 * reads keep succeeding on the survivor and errors last at most a second; the graceful stop
 * causes no error at all; no acknowledged follow is lost.
 */
@Tag("services")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class NodeFaultIT {
  private static final Logger log = LoggerFactory.getLogger(NodeFaultIT.class);
  private static final String SECRET = "cluster-test-secret-0123456789abcdefghij";
  private static final int CONNECTIONS = 64;
  private static final int USERS = 40;
  private static final String DOMAINS = "user,video,favorite,comment,relation,message,recommend";

  private final String cluster = "vertok-it-" + UUID.randomUUID();
  private Vertx vertx;
  private String database;
  private final List<JarProcess> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    TestApp.tearDown(nodes, vertx, database);
  }

  @Test
  void aKilledNodeCostsAtMostASecondOfErrorsAndAStoppedOneNone() throws Exception {
    int port = TestApp.freePort();
    Config gatewayConfig = Config.withOverrides(TestApp.testSettings()
        .put(Setting.HTTP_PORT.key(), port)
        .put(Setting.JWT_SECRET.key(), SECRET)
        .put(Setting.CLUSTER_NAME.key(), cluster));
    vertx = Main.createVertx(gatewayConfig, true).await();
    database = TestApp.createDatabase(vertx);
    Node.deploy(vertx, gatewayConfig, Role.parse("gateway")).await();
    Api api = new Api(vertx, port);

    JarProcess first = startDomainNode();
    awaitRoutes(api, 1);
    JarProcess second = startDomainNode();
    awaitRoutes(api, 2);

    List<Users.Account> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add(Users.register(api, "fault"));
    }
    FollowLoad follows = new FollowLoad(users);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS));

    // Phase 1: SIGKILL of one of the two domain nodes under load.
    Load load = Load.start(vertx, CONNECTIONS, () -> follows.next(client));
    awaitCalls(load, 500);
    long killedAt = System.currentTimeMillis();
    second.kill();
    awaitRoutes(api, 1);
    long detectedAt = System.currentTimeMillis();
    log.info("the killed node left the gateway's roster after {} ms", detectedAt - killedAt);
    awaitCallsAfter(load, detectedAt, 1000);
    List<Load.Call> calls = load.stop();
    report("kill -9", calls, killedAt);
    List<Load.Call> failedReads = Load.failed(calls, true);
    List<Load.Call> failedWrites = Load.failed(calls, false);
    assertTrue(Load.errorSpanMs(failedReads) <= 1000, "reads saw errors for at most 1 s: " + sample(failedReads));
    assertTrue(failedWrites.stream().allMatch(c -> c.start() <= killedAt),
        "no write sent after the kill failed: " + sample(failedWrites));
    assertTrue(calls.stream().filter(c -> c.read() && c.ok() && c.start() > detectedAt).count() > 100,
        "reads keep succeeding on the survivor");
    assertTrue(detectedAt - killedAt < 10_000, "the dead node left the roster in " + (detectedAt - killedAt) + " ms");

    // Phase 2: the killed node comes back, then the other one stops gracefully under load.
    JarProcess restarted = startDomainNode();
    awaitRoutes(api, 2);
    load = Load.start(vertx, CONNECTIONS, () -> follows.next(client));
    // A node that just started is slow at first (a cold JVM): the stop is tested once it is warm.
    awaitWarm(api, load);
    long stoppedAt = System.currentTimeMillis();
    assertEquals(143, first.terminate(60), "SIGTERM ends the JVM (exit code 128 + 15) after the drain");
    log.info("the stopped node exited after {} ms", System.currentTimeMillis() - stoppedAt);
    awaitRoutes(api, 1);
    awaitCallsAfter(load, System.currentTimeMillis(), 1000);
    calls = load.stop();
    report("SIGTERM", calls, stoppedAt);
    List<Load.Call> failed = calls.stream().filter(c -> !c.ok() && c.end() >= stoppedAt).toList();
    assertEquals(List.of(), sample(failed), "a graceful stop under load causes no error");
    assertTrue(restarted.isAlive(), () -> restarted.output());

    follows.assertNoAcknowledgedFollowLost(api);
    client.close();
    api.close();
  }

  private JarProcess startDomainNode() throws Exception {
    JarProcess node = JarProcess.start(Map.of(
        "VERTOK_CLUSTER_NAME", cluster,
        "VERTOK_JWT_SECRET", SECRET,
        "VERTOK_DB_URL", TestApp.databaseUrl(database),
        "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-fault-node").toString(),
        "VERTOK_BCRYPT_COST", "4"), "--cluster", "--roles", DOMAINS);
    nodes.add(node);
    return node;
  }

  /** Waits until the gateway sends every domain's requests to exactly {@code count} nodes. */
  private void awaitRoutes(Api api, int count) {
    Poll.until("every domain routed to " + count + " node(s)", Duration.ofSeconds(90), () -> {
      JsonObject domains = health(api);
      if (domains == null) {
        return false;
      }
      for (Domain domain : Domain.values()) {
        JsonArray routes = domains.getJsonObject(domain.key()).getJsonArray("routes");
        if (routes.size() != count) {
          return false;
        }
      }
      return true;
    });
  }

  /** Until every node has had 300 requests from the gateway for each domain and the last 200 calls all succeeded. */
  private void awaitWarm(Api api, Load load) {
    Poll.until("the nodes warm", Duration.ofSeconds(120), () -> {
      List<Load.Call> calls = load.calls();
      if (calls.size() < 200 || calls.subList(calls.size() - 200, calls.size()).stream().anyMatch(c -> !c.ok())) {
        return false;
      }
      JsonObject domains = health(api);
      if (domains == null) {
        return false;
      }
      for (String domain : List.of("user", "relation")) {
        JsonArray routes = domains.getJsonObject(domain).getJsonArray("routes");
        for (int i = 0; i < routes.size(); i++) {
          if (routes.getJsonObject(i).getLong("requests") < 300) {
            return false;
          }
        }
      }
      return true;
    });
  }

  /** The domains of the gateway's /health, or null when it did not answer. */
  private static JsonObject health(Api api) {
    try {
      return api.get("/health").body().getJsonObject("domains");
    } catch (RuntimeException e) {
      log.info("/health did not answer: {}", e.toString());
      return null;
    }
  }

  private static void awaitCalls(Load load, int count) {
    Poll.until(count + " calls", Duration.ofSeconds(60), () -> load.calls().size() >= count);
  }

  private static void awaitCallsAfter(Load load, long since, int count) {
    Poll.until(count + " calls after " + since, Duration.ofSeconds(60),
        () -> load.calls().stream().filter(c -> c.start() > since).count() >= count);
  }

  private static void report(String scenario, List<Load.Call> calls, long at) {
    List<Load.Call> failedReads = Load.failed(calls, true);
    List<Load.Call> failedWrites = Load.failed(calls, false);
    log.info("{}: {} calls, {} failed reads over {} ms, {} failed writes over {} ms; slowest call around it {} ms; "
            + "failures: {}", scenario, calls.size(), failedReads.size(), Load.errorSpanMs(failedReads), failedWrites.size(),
        Load.errorSpanMs(failedWrites), calls.stream().filter(c -> c.end() >= at).mapToLong(c -> c.end() - c.start()).max().orElse(0),
        sample(calls.stream().filter(c -> !c.ok()).toList()));
  }

  private static List<String> sample(List<Load.Call> failed) {
    return failed.stream().limit(5).map(c -> c.what() + " at " + c.start() + ".." + c.end() + ": " + c.answer()).toList();
  }
}
