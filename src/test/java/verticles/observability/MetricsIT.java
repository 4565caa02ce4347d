package verticles.observability;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import verticles.Main;
import verticles.Role;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.Clips;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node with metrics on (gateway, user and video domains: the others are missing, so reads
 * degrade) serves real traffic, then its metrics listener and its gateway's /metrics are scraped:
 * the series of Vert.x and of Vertok are there with their labels, unknown paths made no series, and
 * the text passes {@code promtool check metrics}; the Grafana dashboard and the alert rules ask
 * only for series the node has, and the rules pass {@code promtool}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
  private static final String UNKNOWN = "nothing-here-" + UUID.randomUUID();
  private static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/vertok.json");
  private static final Path ALERTS = Path.of("deploy/prometheus/alerts.yml");
  private Vertx vertx;
  private TestApp app;
  private String scraped;

  @BeforeAll
  void serveTrafficAndScrape(@TempDir Path tmp) throws Exception {
    int metricsPort = TestApp.freePort();
    vertx = Main.createVertx(Config.withOverrides(new JsonObject()), false).await();
    app = TestApp.start(vertx, new JsonObject()
        .put(Setting.METRICS_PORT.key(), metricsPort)
        .put(Setting.METRICS_ON_GATEWAY.key(), true)
        .put(Setting.MEDIA_TRANSCODERS.key(), 1).put(Setting.RENDITION_MAX_HEIGHT.key(), 120)
        .put(Setting.FEED_CACHE_MS.key(), 60_000), Role.parse("gateway,user,video"));
    Api api = app.api();

    Account author = Users.register(api, "metrics");
    assertEquals(0, api.post("/douyin/user/login/", "username", author.name(), "password", "secret123").code());
    assertEquals(401, api.post("/douyin/user/login/", "username", author.name(), "password", "wrong-password").code());
    assertEquals(0, publish(api, author.token(), Clips.mp4(tmp.resolve("clip.mp4"), 1)).code());
    Path notAVideo = Files.writeString(tmp.resolve("notes.mp4"), "not a video at all");
    assertEquals(400, publish(api, author.token(), notAVideo).code());
    // Its rendition is made before the feed is read: when ready, it empties the cached feed page.
    Poll.until("the clip's rendition", Duration.ofSeconds(60), () -> api.get("/douyin/publish/list/", "user_id",
            Long.toString(author.id())).body().getJsonArray("video_list").getJsonObject(0).getString("play_url")
        .contains("/media/renditions/"));
    for (int i = 0; i < 3; i++) {
      assertEquals(0, api.get("/douyin/feed/").code());
    }
    assertEquals(0, api.get("/douyin/feed/", "token", author.token()).code());
    assertEquals(503, api.post("/douyin/favorite/action/", "token", author.token(), "video_id", "1",
        "action_type", "1").status());
    for (int i = 0; i < 20; i++) {
      assertEquals(404, api.get("/" + UNKNOWN + "/" + i).status());
      assertEquals(404, api.get("/media/videos/" + UNKNOWN + i + ".mp4").status());
    }

    // The GC series appear with the first collection: one is asked for, and its notification awaited.
    System.gc();
    scraped = Poll.value("a scrape with the GC pause series", Duration.ofSeconds(30), () -> {
      String text = scrape(metricsPort);
      return text.contains("jvm_gc_pause_seconds_count") ? text : null;
    });
    String fromGateway = scrape(app.port());
    assertTrue(fromGateway.contains("vertok_logins_total"), "the gateway serves the same registry on /metrics");
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void httpRequestsAreCountedByRouteTemplateNeverByRawPath() {
    assertSeries("vertx_http_server_requests_total", "route=\"/douyin/feed\"", "method=\"GET\"", "code=\"200\"");
    assertSeries("vertx_http_server_requests_total", "route=\"/douyin/publish/action\"", "code=\"200\"");
    assertSeries("vertx_http_server_response_time_seconds_bucket", "route=\"/douyin/feed\"", "le=\"0.1\"");
    assertFalse(scraped.contains(UNKNOWN), "an unknown path makes no series of its own");
  }

  @Test
  void theEventBusIsMeasuredByAddress() {
    assertSeries("vertx_eventbus_sent_total", "address=\"user.register\"");
    assertSeries("vertx_eventbus_received_total", "address=\"user.register\"");
    assertSeries("vertx_eventbus_pending", "address=\"user.register\"");
  }

  @Test
  void theDatabasePoolIsMeasuredByName() {
    assertSeries("vertx_pool_in_use", "pool_name=\"db\"");
    assertSeries("vertx_pool_queue_pending", "pool_name=\"db\"");
  }

  @Test
  void vertoksOwnSeriesCountWhatHappened() {
    assertEquals(0.0, value("vertok_breaker_state", "target=\"user\""), "the circuit to the user domain is closed");
    assertTrue(value("vertok_breaker_calls_total", "target=\"user\"", "outcome=\"success\"") >= 1);
    assertEquals(2.0, value("vertok_breaker_calls_total", "target=\"user.slow\"", "outcome=\"success\""),
        "registration and login, on the breaker of slow calls");
    assertTrue(value("vertok_breaker_calls_total", "target=\"user.slow\"", "outcome=\"refused\"") >= 1,
        "the wrong password was an answer, not a fault");
    assertTrue(value("vertok_breaker_calls_total", "target=\"favorite\"", "outcome=\"no_handler\"") >= 1);
    assertTrue(value("vertok_degraded_reads_total", "domain=\"favorite\"") >= 1);
    assertEquals(0.0, value("vertok_degraded_reads_total", "domain=\"user\""));
    assertTrue(value("vertok_cache_requests_total", "cache=\"feed\"", "result=\"miss\"") >= 1);
    assertTrue(value("vertok_cache_requests_total", "cache=\"feed\"", "result=\"hit\"") >= 2,
        "four feed reads within the time to live, two composed at most (the publish invalidates the first)");
    assertEquals(0.0, value("vertok_cache_requests_total", "cache=\"feed\"", "result=\"shared\""));
    assertEquals(1.0, value("vertok_media_jobs_seconds_count", "outcome=\"stored\""));
    assertEquals(1.0, value("vertok_media_jobs_seconds_count", "outcome=\"rejected\""));
    assertEquals(1.0, value("vertok_renditions_seconds_count", "outcome=\"done\""));
    assertEquals(1.0, value("vertok_logins_total", "outcome=\"success\""));
    assertEquals(1.0, value("vertok_logins_total", "outcome=\"rejected\""));
  }

  @Test
  void theJvmIsMeasured() {
    assertSeries("jvm_memory_used_bytes", "area=\"heap\"");
    assertSeries("jvm_gc_memory_allocated_bytes_total");
    assertSeries("jvm_threads_live_threads");
  }

  @Test
  void theEventsPathIsMeasured() {
    assertSeries("vertok_events_lag_seconds_bucket", "consumer=\"hot\"", "le=\"0.1\"");
    assertSeries("vertok_events_relayed_total");
    assertSeries("vertok_events_relay_batch_seconds_count");
  }

  /** A budget, not a measure: what the node exports must not grow with traffic (about 1,060 with a broker). */
  @Test
  void theNumberOfSeriesStaysSmall() {
    long series = samples().size();
    assertTrue(series > 100 && series < 1200, "series on a node after this traffic: " + series);
  }

  @Test
  void theDashboardAndTheAlertsAskForSeriesTheNodeHas() throws Exception {
    Pattern series = Pattern.compile("\\b(?:vertx|vertok|jvm)_[a-z0-9_]+");
    for (Path file : List.of(DASHBOARD, ALERTS)) {
      Matcher m = series.matcher(Files.readString(file));
      int found = 0;
      while (m.find()) {
        assertSeries(m.group());
        found++;
      }
      assertTrue(found > 10, file + " names the series it shows");
    }
  }

  /** Needs promtool (Debian's prometheus package, installed by .ci/services). */
  @Test
  @Tag("services")
  void theTextPassesPromtool() throws Exception {
    Promtool.Result result = Promtool.run(scraped, "check", "metrics");
    assertEquals(0, result.exitCode(), result.output());
  }

  /** The scrape configuration and the alert rules are valid, and the alerts fire when they should. */
  @Test
  @Tag("services")
  void theScrapeConfigAndTheAlertRulesPassPromtool() throws Exception {
    for (List<String> check : List.of(List.of("check", "config", "deploy/prometheus/prometheus.yml"),
        List.of("check", "rules", ALERTS.toString()),
        List.of("test", "rules", "deploy/prometheus/alerts-test.yml"))) {
      Promtool.Result result = Promtool.run("", check.toArray(String[]::new));
      assertEquals(0, result.exitCode(), check + ":\n" + result.output());
    }
  }

  private static Api.Reply publish(Api api, String token, Path file) {
    MultipartForm form = MultipartForm.create().attribute("token", token).attribute("title", "metered")
        .binaryFileUpload("data", file.getFileName().toString(), file.toString(), "video/mp4");
    return api.postMultipart("/douyin/publish/action/", form);
  }

  private String scrape(int port) {
    WebClient client = WebClient.create(vertx);
    try {
      var response = client.get(port, "127.0.0.1", "/metrics").send().await();
      assertEquals(200, response.statusCode());
      assertTrue(response.getHeader("Content-Type").startsWith("text/plain"), response.getHeader("Content-Type"));
      return response.bodyAsString();
    } finally {
      client.close();
    }
  }

  private List<String> samples() {
    return scraped.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  private List<String> matching(String name, String... labels) {
    return samples().stream()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> List.of(labels).stream().allMatch(l::contains))
        .toList();
  }

  private void assertSeries(String name, String... labels) {
    assertFalse(matching(name, labels).isEmpty(), () -> "no " + name + " with " + List.of(labels) + " in:\n"
        + String.join("\n", samples().stream().filter(l -> l.startsWith(name)).toList()));
  }

  /** The sum of the matching samples' values. */
  private double value(String name, String... labels) {
    assertSeries(name, labels);
    Pattern value = Pattern.compile("\\s(\\S+)$");
    return matching(name, labels).stream().mapToDouble(l -> {
      Matcher m = value.matcher(l);
      assertTrue(m.find(), l);
      return Double.parseDouble(m.group(1));
    }).sum();
  }
}
