package verticles.app;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.Main;
import verticles.Node;
import verticles.Role;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.Poll;
import verticles.support.TestApp;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With tracing on, an HTTP request and the event-bus calls it makes share one trace. */
class TracingIT {
  @Test
  void aRequestAndItsEventBusCallsShareATrace() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    GlobalOpenTelemetry.resetForTest();
    OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .buildAndRegisterGlobal();
    JsonObject settings = TestApp.testSettings().put(Setting.TRACING.key(), true);
    Config config = Config.withOverrides(settings);
    Vertx vertx = Main.createVertx(config, false).await();
    try {
      Node.deploy(vertx, config, Role.parse("gateway,user")).await();
      Api api = new Api(vertx, config.integer(Setting.HTTP_PORT));
      assertEquals(0, api.post("/douyin/user/register/", "username", "traced", "password", "secret123").code());
      api.close();

      SpanData http = Poll.value("the HTTP server span", Duration.ofSeconds(10), () -> spans.getFinishedSpanItems().stream()
          .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("POST")).findFirst().orElse(null));
      List<SpanData> finished = spans.getFinishedSpanItems();
      List<SpanData> sameTrace = finished.stream().filter(s -> s.getTraceId().equals(http.getTraceId())).toList();
      assertTrue(sameTrace.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER
              && "user.register".equals(s.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))),
          "the user domain's handling of user.register is in the HTTP request's trace: " + sameTrace);
      assertTrue(sameTrace.stream().anyMatch(s -> String.valueOf(s.getAttributes().get(AttributeKey.stringKey("db.query.text")))
          .startsWith("INSERT INTO users")), "so is the SQL it ran: " + sameTrace);
    } finally {
      vertx.close().await();
      GlobalOpenTelemetry.resetForTest();
    }
  }
}
