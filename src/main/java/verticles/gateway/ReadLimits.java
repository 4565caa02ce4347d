package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import verticles.common.PageRequest;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.observability.NodeMetrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@link ReadLimit} of each long list of a node ({@code list_inflight_items},
 * {@code list_queue}, {@code list_wait_ms}), by endpoint name ({@code follower_list}, …).
 */
final class ReadLimits {
  private final Vertx vertx;
  private final Config config;
  private final NodeMetrics metrics;
  private final Map<String, ReadLimit> limits = new ConcurrentHashMap<>();

  ReadLimits(Vertx vertx, Config config, NodeMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.metrics = metrics;
  }

  /** Runs {@code read}, a page of {@code endpoint}'s list, within that endpoint's limit. */
  <T> Future<T> run(String endpoint, PageRequest page, Supplier<Future<T>> read) {
    return limits.computeIfAbsent(endpoint, e -> new ReadLimit(vertx, e, config.integer(Setting.LIST_INFLIGHT_ITEMS),
        config.integer(Setting.LIST_QUEUE), config.integer(Setting.LIST_WAIT_MS), metrics.shedRequests(e)))
        .run(page.limit(), read);
  }
}
