package verticles.app;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import verticles.Main;
import verticles.Node;
import verticles.Role;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.OtlpReceiver;
import verticles.support.Poll;
import verticles.support.TestApp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With tracing on, a node exports over OTLP: an HTTP request, the event-bus call it makes and the
 * SQL that call runs are one trace; with a sampler ratio of 0 nothing is exported.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TracingIT {
  @Test
  void aRequestItsEventBusCallsAndItsSqlShareATrace() {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      Vertx vertx = start(receiver, 1.0);
      try {
        Api api = new Api(vertx, port);
        assertEquals(0, api.post("/douyin/user/register/", "username", "traced", "password", "secret123").code());
        api.close();

        OtlpReceiver.Span http = Poll.value("the HTTP server span", Duration.ofSeconds(30), () -> receiver.spans().stream()
            .filter(s -> s.kind().equals("SPAN_KIND_SERVER") && s.name().contains("POST")).findFirst().orElse(null));
        assertTrue(http.isRoot(), "the request starts the trace: " + http);
        List<OtlpReceiver.Span> trace = Poll.value("the SQL span of the registration", Duration.ofSeconds(30), () -> {
          List<OtlpReceiver.Span> same = receiver.spans().stream().filter(s -> s.traceId().equals(http.traceId())).toList();
          return same.stream().anyMatch(s -> s.attribute("db.query.text").startsWith("INSERT INTO users")) ? same : null;
        });
        assertTrue(trace.stream().anyMatch(s -> s.attribute("messaging.destination.name").equals("user.register")),
            "the user domain's handling of user.register is in the HTTP request's trace: " + trace);
      } finally {
        vertx.close().await();
      }
    }
  }

  private int port;

  private Vertx start(OtlpReceiver receiver, double ratio) {
    JsonObject settings = TestApp.testSettings()
        .put(Setting.TRACING.key(), true)
        .put(Setting.TRACING_ENDPOINT.key(), receiver.endpoint())
        .put(Setting.TRACING_SAMPLER_RATIO.key(), ratio);
    Config config = Config.withOverrides(settings);
    port = config.integer(Setting.HTTP_PORT);
    Vertx vertx = Main.createVertx(config, false).await();
    Node.deploy(vertx, config, Role.parse("gateway,user")).await();
    return vertx;
  }
}
