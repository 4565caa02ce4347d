package verticles.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import verticles.common.Failure;

import java.util.concurrent.TimeUnit;

/**
 * Vertok's own series, one home for their names and labels (docs/operations.md lists them), on the
 * meter registry of one Vert.x instance. Without metrics ({@code metrics=false}) every method
 * records into a registry with no backend, which costs next to nothing.
 *
 * <p>Label values come from small fixed sets (domains, outcomes, cache names), never from a
 * request, so the number of series stays bounded whatever clients send.
 */
public final class NodeMetrics implements Shareable {
  private static final String MAP = "vertok.observability";
  private static final String KEY = "metrics";
  private static final NodeMetrics NONE = new NodeMetrics(new CompositeMeterRegistry());

  private final MeterRegistry registry;

  private NodeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics over {@code registry} (tests use a simple registry to read what was counted). */
  public static NodeMetrics over(MeterRegistry registry) {
    return new NodeMetrics(registry);
  }

  /** The metrics of {@code vertx}, as {@link MetricsSetup} installed them; records nothing when metrics are off. */
  public static NodeMetrics of(Vertx vertx) {
    NodeMetrics installed = vertx.sharedData().<String, NodeMetrics>getLocalMap(MAP).get(KEY);
    return installed != null ? installed : NONE;
  }

  static void install(Vertx vertx, MeterRegistry registry) {
    vertx.sharedData().<String, NodeMetrics>getLocalMap(MAP).put(KEY, new NodeMetrics(registry));
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** {@code vertx_http_server_requests_total{route,method,code}} (see {@link HttpMetrics}). */
  Counter httpRequests(String route, String method, int code) {
    return Counter.builder("vertx.http.server.requests").description("Number of processed requests")
        .tags("route", route, "method", method, "code", Integer.toString(code)).register(registry);
  }

  /** {@code vertx_http_server_response_time_seconds{route,method,code}}: from the request to the end of the response. */
  Timer httpDuration(String route, String method, int code) {
    return Timer.builder("vertx.http.server.response.time").description("Request processing time")
        .tags("route", route, "method", method, "code", Integer.toString(code)).register(registry);
  }

  /** {@code vertok_breaker_state{target}}: 0 closed, 1 half-open, 2 open. */
  public void watchBreaker(String target, CircuitBreaker breaker) {
    Gauge.builder("vertok.breaker.state", breaker, b -> stateValue(b.state()))
        .description("State of the circuit breaker in front of a domain: 0 closed, 1 half-open, 2 open")
        .tag("target", target)
        .register(registry);
  }

  private static double stateValue(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  /** {@code vertok_breaker_calls_total{target,outcome}}: a call through the breaker and how it ended. */
  public void breakerCall(String target, BreakerOutcome outcome) {
    Counter.builder("vertok.breaker.calls")
        .description("Calls through the circuit breaker in front of a domain, by outcome")
        .tags("target", target, "outcome", outcome.label())
        .register(registry).increment();
  }

  /** {@code vertok_degraded_reads_total{domain}}: a read answered with zero values in place of a domain's fields. */
  public void degradedRead(String domain) {
    degradedReads(domain).increment();
  }

  /** Registers the degraded-reads series of {@code domain} at zero, so alerts see it before the first one. */
  public Counter degradedReads(String domain) {
    return Counter.builder("vertok.degraded.reads")
        .description("Reads answered without a domain's fields (zero values instead)")
        .tag("domain", domain)
        .register(registry);
  }

  /** {@code vertok_shed_requests_total{endpoint}}: reads of a long list refused at once because too many were waiting. */
  public Counter shedRequests(String endpoint) {
    return Counter.builder("vertok.shed.requests")
        .description("Reads of a long list shed (HTTP 503 with Retry-After) because that list's limit and queue were full")
        .tag("endpoint", endpoint)
        .register(registry);
  }

  /** {@code vertok_cache_requests_total{cache,result}}: a look-up in one of Vertok's caches. */
  public Counter cacheRequests(String cache, String result) {
    return Counter.builder("vertok.cache.requests")
        .description("Look-ups in Vertok's caches by result (hit, miss, shared: joined a look-up in progress, error)")
        .tags("cache", cache, "result", result)
        .register(registry);
  }

  /** {@code vertok_media_jobs_seconds{outcome}}: one upload processed by the media worker. */
  public void mediaJob(String outcome, long nanos) {
    recordOutcome("vertok.media.jobs", "Uploads processed by the media worker (probe, cover, store), by outcome",
        outcome, nanos);
  }

  /**
   * {@code vertok_renditions_seconds{outcome}}: one attempt at a rendition job on this node: done,
   * failed (it will be tried again) or dead (its last attempt failed).
   */
  public void rendition(String outcome, long nanos) {
    recordOutcome("vertok.renditions",
        "Attempts at rendition jobs by this node's media workers (fetch, transcode, store), by outcome", outcome, nanos);
  }

  /** One piece of work of {@code nanos} in the timer {@code name}, tagged with its {@code outcome}. */
  private void recordOutcome(String name, String description, String outcome, long nanos) {
    Timer.builder(name).description(description).tag("outcome", outcome).register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * {@code vertok_events_lag_seconds{consumer}}: from a write recording an event (right before its
   * commit) to the commit of the consumer's transaction that applied it, one observation per event.
   */
  public Timer eventLag(String consumer) {
    return Timer.builder("vertok.events.lag")
        .description("Time from a write recording a domain event to a consumer having applied it, by consumer")
        .tag("consumer", consumer).register(registry);
  }

  /** {@code vertok_events_relayed_total}: outbox events this node's relay delivered (confirmed by the transport). */
  public Counter eventsRelayed() {
    return Counter.builder("vertok.events.relayed").description("Outbox events delivered by this node's relay")
        .register(registry);
  }

  /** {@code vertok_events_relay_batch_seconds}: one batch of the relay, from reading it to the transport's confirmation. */
  public Timer relayBatch() {
    return Timer.builder("vertok.events.relay.batch")
        .description("Batches of outbox events delivered by this node's relay, from the read to the confirmation")
        .register(registry);
  }

  /** {@code vertok_rate_limited_total{rule}}: requests refused with a 429 by the rate limit {@code rule} (a fixed set of names). */
  public Counter rateLimited(String rule) {
    return Counter.builder("vertok.rate.limited").description("Requests refused by a rate limit, by rule")
        .tag("rule", rule).register(registry);
  }

  /** {@code vertok_logins_total{outcome}}: success, rejected (wrong credentials), limited (a rate limit), invalid (fields missing), unavailable. */
  public void login(Throwable failure) {
    String outcome;
    if (failure == null) {
      outcome = "success";
    } else if (failure instanceof Failure f && f.code() == 401) {
      outcome = "rejected";
    } else if (failure instanceof Failure f && f.code() == 429) {
      outcome = "limited";
    } else if (failure instanceof Failure f && f.code() < 500) {
      outcome = "invalid";
    } else {
      outcome = "unavailable";
    }
    Counter.builder("vertok.logins").description("Login attempts by outcome")
        .tag("outcome", outcome).register(registry).increment();
  }
}
