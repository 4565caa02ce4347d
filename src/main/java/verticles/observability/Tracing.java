package verticles.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.vertx.core.VertxBuilder;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenTelemetry tracing without a Java agent, when {@code tracing} is on: the SDK's
 * autoconfiguration exports spans over OTLP (HTTP/protobuf, the JDK's HTTP client) with a
 * parent-based ratio sampler. Vertok's settings are defaults under the standard {@code OTEL_*}
 * environment variables, which win where both are given. Only traces are exported: metrics go to
 * Prometheus, logs to standard output.
 *
 * <p>Vert.x traces HTTP requests, event-bus messages (the trace context crosses the cluster in the
 * message headers) and SQL statements; the SDK flushes its last spans when the JVM exits.
 */
public final class Tracing {
  private Tracing() {
  }

  /** Adds tracing to a Vert.x about to be built, when {@code tracing} is on. */
  public static void apply(Config config, VertxBuilder builder) {
    if (config.bool(Setting.TRACING)) {
      builder.withTracer(new OpenTelemetryTracingFactory(openTelemetry(config)));
    }
  }

  static OpenTelemetry openTelemetry(Config config) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults(config))
        .build()
        .getOpenTelemetrySdk();
  }

  /** The SDK properties Vertok sets; {@code OTEL_*} variables and {@code otel.*} system properties override them. */
  static Map<String, String> defaults(Config config) {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.service.name", "vertok");
    // Tells the nodes of a cluster apart in a trace.
    properties.put("otel.resource.attributes", "service.instance.id=" + ManagementFactory.getRuntimeMXBean().getName());
    properties.put("otel.traces.exporter", "otlp");
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    String endpoint = config.string(Setting.TRACING_ENDPOINT);
    if (!endpoint.isEmpty()) {
      properties.put("otel.exporter.otlp.endpoint", endpoint);
    }
    properties.put("otel.traces.sampler", "parentbased_traceidratio");
    properties.put("otel.traces.sampler.arg", Double.toString(config.ratio(Setting.TRACING_SAMPLER_RATIO)));
    return properties;
  }
}
