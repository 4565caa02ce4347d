package verticles.gateway;

import io.vertx.core.Future;
import io.micrometer.core.instrument.Counter;
import verticles.common.LruMap;
import verticles.observability.NodeMetrics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The latest feed page as an anonymous viewer sees it (a {@code T}: the gateway keeps it encoded,
 * {@link EncodedPage}), composed once and then served to every anonymous viewer until a video is published (the video domain announces it on
 * {@code video.created}) or the page is older than the time to live, which bounds how stale its
 * comment counts and authors' totals can be. Viewers with a token get this page made their own
 * ({@link Composer#personalize}: their {@code is_favorite} and {@code is_follow}, fresh like and
 * follow counts).
 *
 * <p>While a page is being composed, other requests for it wait for that composition instead of
 * starting their own (no stampede on the domains when a page expires). A page whose composition
 * began before an invalidation is not stored: it might miss the video just published.
 *
 * <p>One cache per gateway verticle instance, used only from its event loop, so it needs no
 * locking. Keys are the public base URL (from the Host when not configured): a few entries at most.
 */
final class FeedCache<T> {
  private static final int MAX_ENTRIES = 16;

  private final long ttlMillis;
  private final Counter hits;
  private final Counter shared;
  private final Counter misses;
  private long generation;
  private final Map<String, Future<T>> composing = new HashMap<>();
  private final Map<String, Entry<T>> entries = new LruMap<>(MAX_ENTRIES);

  private record Entry<T>(T page, long storedAt) {
  }

  /** Counts its look-ups into {@code metrics}: {@code vertok_cache_requests_total{cache="feed"}}. */
  FeedCache(long ttlMillis, NodeMetrics metrics) {
    this.ttlMillis = ttlMillis;
    this.hits = metrics.cacheRequests("feed", "hit");
    this.shared = metrics.cacheRequests("feed", "shared");
    this.misses = metrics.cacheRequests("feed", "miss");
  }

  /** The page for {@code key}: cached, being composed, or composed now by {@code compose}. */
  Future<T> page(String key, long now, Supplier<Future<T>> compose) {
    if (ttlMillis <= 0) {
      return compose.get();
    }
    Entry<T> entry = entries.get(key);
    if (entry != null && now - entry.storedAt() < ttlMillis) {
      hits.increment();
      return Future.succeededFuture(entry.page());
    }
    Future<T> pending = composing.get(key);
    if (pending != null) {
      shared.increment();
      return pending;
    }
    misses.increment();
    long startedAt = generation;
    Future<T> page = compose.get();
    composing.put(key, page);
    page.onComplete(done -> {
      composing.remove(key, page);
      if (done.succeeded() && startedAt == generation) {
        entries.put(key, new Entry<>(done.result(), now));
      }
    });
    return page;
  }

  /** A video was published: every cached page is out of date. */
  void invalidate() {
    generation++;
    entries.clear();
    composing.clear();
  }
}
