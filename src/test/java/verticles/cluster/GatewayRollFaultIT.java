package verticles.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.Main;
import verticles.Node;
import verticles.Role;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.Balancer;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two gateways (jar processes) behind a balancer that polls their {@code /ready} ({@link Balancer}),
 * every domain on a node in this JVM, under load at 64 connections through the balancer, reads
 * and follows: each gateway in turn stops with SIGTERM and starts again, and once it takes its
 * share of the load again the other one goes. No request fails, no acknowledged follow is lost.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class GatewayRollFaultIT {
  private static final Logger log = LoggerFactory.getLogger(GatewayRollFaultIT.class);
  private static final String SECRET = "cluster-test-secret-0123456789abcdefghij";
  private static final int CONNECTIONS = 64;
  private static final int USERS = 40;
  private static final String DOMAINS = "user,video,favorite,comment,relation,message,recommend";
  /** Requests a restarted gateway must have served through the balancer before the next one stops. */
  private static final int SHARE = 300;

  private final String cluster = "vertok-it-" + UUID.randomUUID();
  private final List<JarProcess> processes = new ArrayList<>();
  private Vertx vertx;
  private String database;
  private Balancer balancer;

  @AfterEach
  void stop() throws Exception {
    if (balancer != null) {
      balancer.close();
    }
    TestApp.tearDown(processes, vertx, database);
  }

  @Test
  void rollingTheGatewaysBehindABalancerCostsNoError() throws Exception {
    JsonObject settings = TestApp.testSettings()
        .put(Setting.JWT_SECRET.key(), SECRET)
        .put(Setting.CLUSTER_NAME.key(), cluster);
    vertx = Main.createVertx(Config.withOverrides(settings), true).await();
    if (TestApp.isMariaDb()) {
      database = TestApp.createDatabase(vertx);
      settings.put(Setting.DB_URL.key(), TestApp.databaseUrl(database));
    }
    Node.deploy(vertx, Config.withOverrides(settings), Role.parse(DOMAINS)).await();

    List<Integer> ports = List.of(TestApp.freePort(), TestApp.freePort());
    JarProcess[] gateways = {startGateway(ports.get(0)), startGateway(ports.get(1))};
    balancer = Balancer.start(vertx, ports, CONNECTIONS);
    Poll.until("both gateways in rotation", Duration.ofSeconds(120), () -> {
      for (JarProcess gateway : gateways) {
        if (!gateway.isAlive()) {
          throw new AssertionError("a gateway died:\n" + gateway.output());
        }
      }
      return ports.stream().allMatch(balancer::inRotation);
    });
    Api api = new Api(vertx, balancer.port());
    List<Users.Account> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add(Users.register(api, "roll"));
    }
    FollowLoad follows = new FollowLoad(users);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(balancer.port()), new PoolOptions().setHttp1MaxSize(CONNECTIONS));

    Load load = Load.start(vertx, CONNECTIONS, () -> follows.next(client));
    Poll.until("500 calls", Duration.ofSeconds(60), () -> load.calls().size() >= 500);
    for (int i = 0; i < gateways.length; i++) {
      int port = ports.get(i);
      long stoppedAt = System.currentTimeMillis();
      assertEquals(143, gateways[i].terminate(60), "SIGTERM ends the gateway (exit code 128 + 15) after its drain");
      log.info("gateway {} exited {} ms after SIGTERM", port, System.currentTimeMillis() - stoppedAt);
      long sentBefore = balancer.sent(port);
      gateways[i] = startGateway(port);
      JarProcess restarted = gateways[i];
      Poll.until("gateway " + port + " takes its share again", Duration.ofSeconds(120), () -> {
        if (!restarted.isAlive()) {
          throw new AssertionError("the restarted gateway died:\n" + restarted.output());
        }
        return balancer.inRotation(port) && balancer.sent(port) >= sentBefore + SHARE;
      });
      log.info("gateway {} back in rotation {} ms after SIGTERM", port, System.currentTimeMillis() - stoppedAt);
    }
    List<Load.Call> calls = load.stop();
    List<String> failed = calls.stream().filter(c -> !c.ok()).limit(5)
        .map(c -> c.what() + " at " + c.start() + ".." + c.end() + ": " + c.answer()).toList();
    log.info("rolling both gateways: {} calls, failed by answer {}; sent per gateway {}", calls.size(),
        calls.stream().filter(c -> !c.ok()).collect(Collectors.groupingBy(
            c -> c.answer().replaceAll("backend [0-9]+", "backend").substring(0, Math.min(90, c.answer().length())),
            TreeMap::new, Collectors.counting())),
        ports.stream().map(p -> p + ": " + balancer.sent(p)).toList());
    assertEquals(List.of(), failed, "rolling the gateways behind the balancer fails no request");
    follows.assertNoAcknowledgedFollowLost(api);
    client.close();
    api.close();
  }

  private JarProcess startGateway(int port) throws Exception {
    JarProcess gateway = JarProcess.start(Map.of(
        "VERTOK_CLUSTER_NAME", cluster,
        "VERTOK_JWT_SECRET", SECRET,
        "VERTOK_HTTP_PORT", Integer.toString(port),
        "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-roll-gateway").toString()), "--cluster", "--roles", "gateway");
    processes.add(gateway);
    return gateway;
  }
}
