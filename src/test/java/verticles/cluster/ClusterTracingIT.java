package verticles.cluster;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import verticles.Main;
import verticles.Node;
import verticles.Role;
import verticles.common.NodeAddress;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.JarProcess;
import verticles.support.OtlpReceiver;
import verticles.support.OtlpReceiver.Span;
import verticles.support.Poll;
import verticles.support.TestApp;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tracing across the cluster: this JVM runs the gateway, a child JVM from the jar runs the user
 * domain, both export to one OTLP receiver. One registration is one trace: the gateway's HTTP
 * span is its root, the user node's handling of {@code user.register} is a child of the gateway's
 * event-bus send, and the user node's SQL is under that handling.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterTracingIT {
  private static final String SECRET = "cluster-test-secret-0123456789abcdefghij";

  @Test
  void oneRequestAcrossTwoJvmsIsOneTrace() throws Exception {
    String cluster = "vertok-it-" + UUID.randomUUID();
    int port = TestApp.freePort();
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      Config gatewayConfig = Config.withOverrides(TestApp.testSettings()
          .put(Setting.HTTP_PORT.key(), port)
          .put(Setting.JWT_SECRET.key(), SECRET)
          .put(Setting.CLUSTER_NAME.key(), cluster)
          .put(Setting.TRACING.key(), true)
          .put(Setting.TRACING_ENDPOINT.key(), receiver.endpoint()));
      Vertx gatewayVertx = Main.createVertx(gatewayConfig, true).await();
      JarProcess userNode = null;
      try {
        Node.deploy(gatewayVertx, gatewayConfig, Role.parse("gateway")).await();
        userNode = JarProcess.start(Map.of(
            "VERTOK_CLUSTER_NAME", cluster,
            "VERTOK_JWT_SECRET", SECRET,
            "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-user-node").toString(),
            "VERTOK_BCRYPT_COST", "4",
            "VERTOK_TRACING", "true",
            "VERTOK_TRACING_ENDPOINT", receiver.endpoint()), "--cluster", "--roles", "user");
        Api api = new Api(gatewayVertx, port);
        JarProcess node = userNode;
        Poll.until("the user node to join", Duration.ofSeconds(90), () -> {
          assertTrue(node.isAlive(), () -> "the user node died:\n" + node.output());
          return "UP".equals(api.get("/health").body().getJsonObject("domains").getJsonObject("user").getString("status"));
        });

        assertEquals(0, api.post("/douyin/user/register/", "username", "traced", "password", "secret123").code());
        api.close();

        Span root = Poll.value("the gateway's HTTP span", Duration.ofSeconds(30), () -> receiver.spans().stream()
            .filter(s -> s.kind().equals("SPAN_KIND_SERVER") && s.name().contains("POST")).findFirst().orElse(null));
        List<Span> trace = Poll.value("the user node's SQL in the same trace", Duration.ofSeconds(30), () -> {
          List<Span> same = receiver.spans().stream().filter(s -> s.traceId().equals(root.traceId())).toList();
          return same.stream().anyMatch(s -> s.attribute("db.query.text").startsWith("INSERT INTO users")) ? same : null;
        });
        Map<String, Span> byId = trace.stream().collect(Collectors.toMap(Span::spanId, s -> s));
        String gateway = root.instance();
        assertTrue(root.isRoot(), "the HTTP request starts the trace: " + root);
        assertEquals(2, trace.stream().map(Span::instance).distinct().count(), "spans from both JVMs: " + trace);

        Span handling = trace.stream()
            .filter(s -> !s.instance().equals(gateway) && NodeAddress.plain(s.attribute("messaging.destination.name")).equals("user.register"))
            .findFirst().orElseThrow(() -> new AssertionError("no span of the user node for user.register: " + trace));
        Span send = byId.get(handling.parentSpanId());
        assertTrue(send != null && send.instance().equals(gateway)
                && NodeAddress.plain(send.attribute("messaging.destination.name")).equals("user.register"),
            "the user node's handling is a child of the gateway's send: " + send + " / " + handling);
        assertEquals(root.spanId(), ancestorOn(send, gateway, byId).map(Span::spanId).orElse(""),
            "the send is under the HTTP span: " + trace);

        Span insert = trace.stream().filter(s -> s.attribute("db.query.text").startsWith("INSERT INTO users")).findFirst().orElseThrow();
        assertEquals(handling.instance(), insert.instance(), "the SQL runs on the user node");
        assertTrue(chain(insert, byId).contains(handling.spanId()), "the SQL is under the handling of user.register: " + trace);
        assertFalse(trace.stream().anyMatch(s -> !s.isRoot() && !byId.containsKey(s.parentSpanId())),
            "every span's parent is in the trace: " + trace);
      } finally {
        if (userNode != null) {
          userNode.close();
        }
        gatewayVertx.close().await();
      }
    }
  }

  /** The ids of the ancestors of {@code span} within the trace. */
  private static List<String> chain(Span span, Map<String, Span> byId) {
    List<String> ids = new java.util.ArrayList<>();
    for (Span s = byId.get(span.parentSpanId()); s != null; s = byId.get(s.parentSpanId())) {
      ids.add(s.spanId());
    }
    return ids;
  }

  /** The topmost ancestor of {@code span} (or itself) on {@code instance}. */
  private static Optional<Span> ancestorOn(Span span, String instance, Map<String, Span> byId) {
    Span top = span;
    for (Span s = byId.get(span.parentSpanId()); s != null && s.instance().equals(instance); s = byId.get(s.parentSpanId())) {
      top = s;
    }
    return Optional.of(top);
  }
}
