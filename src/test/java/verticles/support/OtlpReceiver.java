package verticles.support;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An OTLP/HTTP trace receiver ({@code POST /v1/traces}, protobuf) for tests: what an exporter
 * sends, decoded with the protocol's own classes. It runs on a Vert.x of its own, untraced, so
 * receiving spans makes none.
 */
public final class OtlpReceiver implements AutoCloseable {
  /** One received span, with the {@code service.instance.id} of the process that sent it. */
  public record Span(String instance, String traceId, String spanId, String parentSpanId, String name, String kind,
                     Map<String, String> attributes) {
    public String attribute(String key) {
      return attributes.getOrDefault(key, "");
    }

    public boolean isRoot() {
      return parentSpanId.isEmpty();
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final List<Span> spans = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public OtlpReceiver() {
    server = vertx.createHttpServer().requestHandler(request -> {
      if (!request.path().equals("/v1/traces")) {
        request.response().setStatusCode(404).end();
        return;
      }
      request.body().onSuccess(body -> {
        try {
          receive(ExportTraceServiceRequest.parseFrom(body.getBytes()));
          request.response().putHeader("Content-Type", "application/x-protobuf")
              .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
        } catch (Exception e) {
          request.response().setStatusCode(400).end(e.toString());
        }
      });
    }).listen(0, "127.0.0.1").await();
  }

  /** The base URL to give an exporter ({@code tracing_endpoint}). */
  public String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public List<Span> spans() {
    return List.copyOf(spans);
  }

  private void receive(ExportTraceServiceRequest request) {
    HexFormat hex = HexFormat.of();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String instance = attributes(resourceSpans.getResource()).getOrDefault("service.instance.id", "");
      for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span s : scope.getSpansList()) {
          spans.add(new Span(instance, hex.formatHex(s.getTraceId().toByteArray()), hex.formatHex(s.getSpanId().toByteArray()),
              hex.formatHex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind().name(), attributes(s.getAttributesList())));
        }
      }
    }
  }

  private static Map<String, String> attributes(Resource resource) {
    return attributes(resource.getAttributesList());
  }

  private static Map<String, String> attributes(List<KeyValue> values) {
    return values.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> a));
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
