package verticles.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.bus.Domain;
import verticles.observability.NodeMetrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts reads that were answered without one domain's fields (zero values instead), per domain,
 * and logs them at most once every ten seconds per domain; each such read names its missing
 * fields ({@link MissingFields}). /health reports the counts.
 */
final class Degradations {
  private final NodeMetrics metrics;

  private static final Logger log = LoggerFactory.getLogger(Degradations.class);
  private static final long LOG_EVERY_MS = 10_000;

  private final Map<Domain, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<Domain, AtomicLong> lastLogged = new ConcurrentHashMap<>();

  /** Counts into {@code metrics} too ({@code vertok_degraded_reads_total}), every domain's series from zero. */
  Degradations(NodeMetrics metrics) {
    this.metrics = metrics;
    for (Domain domain : Domain.values()) {
      metrics.degradedReads(domain.key());
    }
  }

  /** A read goes on without {@code domain}'s fields, which {@code missing} records for its answer. */
  void record(Domain domain, Throwable cause, MissingFields missing) {
    missing.add(domain);
    metrics.degradedRead(domain.key());
    long n = counts.computeIfAbsent(domain, d -> new AtomicLong()).incrementAndGet();
    AtomicLong last = lastLogged.computeIfAbsent(domain, d -> new AtomicLong());
    long now = System.currentTimeMillis();
    long previous = last.get();
    if (now - previous >= LOG_EVERY_MS && last.compareAndSet(previous, now)) {
      log.warn("reads degraded without the {} domain ({} so far): {}", domain.key(), n, cause.getMessage());
    }
  }

  long count(Domain domain) {
    AtomicLong n = counts.get(domain);
    return n == null ? 0 : n.get();
  }
}
