package verticles.gateway;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest feed page as an anonymous viewer sees it, composed once and then served to every
 * anonymous viewer until a video is published (the video domain announces it on
 * {@code video.created}) or the page is older than the time to live, which bounds how stale its
 * like and comment counts can be. Viewers with a token always get a fresh page (their
 * {@code is_favorite} and {@code is_follow} are their own).
 *
 * <p>A page whose composition started before an invalidation is not stored: it might miss the
 * video just published. Keys are the public base URL and the unit of {@code next_time}; a few
 * entries at most (the base URL can come from the request's Host).
 */
final class FeedCache {
  private static final int MAX_ENTRIES = 16;

  private final long ttlMillis;
  private long generation;
  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  private record Entry(JsonObject page, long storedAt) {
  }

  FeedCache(long ttlMillis) {
    this.ttlMillis = ttlMillis;
  }

  /** The cached page for {@code key}, or null when there is none younger than the time to live. */
  synchronized JsonObject get(String key, long now) {
    Entry entry = entries.get(key);
    return entry == null || now - entry.storedAt() >= ttlMillis ? null : entry.page();
  }

  /** The generation to hand back to {@link #put} once the page is composed. */
  synchronized long generation() {
    return generation;
  }

  /** Stores a page unless the feed changed since its composition began (at {@code generationAtStart}). */
  synchronized void put(String key, JsonObject page, long generationAtStart, long now) {
    if (generationAtStart == generation && ttlMillis > 0) {
      entries.put(key, new Entry(page, now));
    }
  }

  /** A video was published: every cached page is out of date. */
  synchronized void invalidate() {
    generation++;
    entries.clear();
  }
}
