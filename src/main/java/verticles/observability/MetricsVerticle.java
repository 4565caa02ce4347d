package verticles.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import verticles.common.config.Config;
import verticles.common.config.Setting;

/**
 * The metrics listener of a node: {@code GET /metrics} in the Prometheus text format on
 * {@code metrics_host:metrics_port}, apart from the public API, on every node (with a gateway or
 * without). A port that cannot be bound stops startup, like the API's own.
 */
public final class MetricsVerticle extends VerticleBase {
  @Override
  public Future<?> start() {
    Config config = Config.of(config());
    Router router = Router.router(vertx);
    mount(router, NodeMetrics.of(vertx));
    return vertx.createHttpServer(new HttpServerOptions()
            .setHost(config.string(Setting.METRICS_HOST)).setPort(config.integer(Setting.METRICS_PORT)))
        .requestHandler(router).listen();
  }

  /** Whether this node should run the listener: metrics on and a port set. */
  public static boolean wanted(Config config) {
    return config.bool(Setting.METRICS) && config.integer(Setting.METRICS_PORT) > 0;
  }

  /** Serves {@code GET /metrics} on {@code router} when {@code metrics} has a Prometheus registry. */
  public static void mount(Router router, NodeMetrics metrics) {
    if (metrics.registry() instanceof PrometheusMeterRegistry prometheus) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    }
  }
}
