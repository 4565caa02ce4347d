package verticles.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import verticles.common.NodeAddress;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.time.Duration;
import java.util.EnumSet;

/**
 * Vert.x's own metrics (event bus by address, pools by name, SQL and HTTP clients), the JVM's and
 * Vertok's ({@link NodeMetrics}, the gateway's requests by route: {@link HttpMetrics}) in one
 * Prometheus registry per Vert.x instance, when {@code metrics} is on.
 *
 * <p>Labels are chosen for bounded cardinality: the event-bus address (Vert.x leaves out its own
 * {@code __vertx.*} addresses, replies included; a node's own address counts as the plain one), pool names; no remote addresses. Latencies get a few fixed buckets rather than
 * the dozens of a percentile histogram.
 */
public final class MetricsSetup {
  /** The buckets of every latency histogram, from 5 ms to 10 s. */
  private static final double[] BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final PrometheusMeterRegistry registry;

  private MetricsSetup(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** Adds metrics to a Vert.x about to be built, when {@code metrics} is on; null otherwise. */
  public static MetricsSetup apply(Config config, VertxBuilder builder, VertxOptions options) {
    if (!config.bool(Setting.METRICS)) {
      return null;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(prometheusNames()).meterFilter(latencyBuckets())
        // A node address (user.get@<node id>) counts as its plain one: node ids come and go.
        .meterFilter(MeterFilter.replaceTagValues("address", NodeAddress::plain));
    options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        // The gateway records its requests itself (HttpMetrics): Vert.x's HTTP server metrics cost too much.
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE,
            Label.EB_ADDRESS, Label.EB_SIDE, Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME)));
    builder.withMetrics(new MicrometerMetricsFactory(registry));
    return new MetricsSetup(registry);
  }

  /** Makes the registry the one {@link NodeMetrics#of} finds for {@code vertx}. */
  public Vertx installOn(Vertx vertx) {
    NodeMetrics.install(vertx, registry);
    return vertx;
  }

  /**
   * Micrometer's JVM names that Prometheus' conventions reject ({@code promtool check metrics}):
   * units abbreviated in two of them (dropped: they are not worth a name of their own), and a
   * {@code _count} that is not a count (renamed {@code system_cpus}).
   */
  private static MeterFilter prometheusNames() {
    return new MeterFilter() {
      @Override
      public MeterFilterReply accept(Meter.Id id) {
        return id.getName().equals("jvm.compilation.time") || id.getName().equals("process.cpu.time")
            ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
      }

      @Override
      public Meter.Id map(Meter.Id id) {
        return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
      }
    };
  }

  private static MeterFilter latencyBuckets() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER) {
          return config;
        }
        double[] nanos = new double[BUCKETS_SECONDS.length];
        for (int i = 0; i < nanos.length; i++) {
          nanos[i] = Duration.ofMillis((long) (BUCKETS_SECONDS[i] * 1000)).toNanos();
        }
        return DistributionStatisticConfig.builder().percentilesHistogram(false).serviceLevelObjectives(nanos)
            .build().merge(config);
      }
    };
  }
}
