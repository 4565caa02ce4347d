package verticles.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of at most {@code capacity} entries that drops the least recently used one when full: the
 * one bounded cache of every component that keeps one. Not thread-safe: an owner used from one
 * event loop uses it as is, one shared across threads wraps it (synchronized).
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {
  private final int capacity;

  public LruMap(int capacity) {
    super(Math.min(capacity, 256), 0.75f, true);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
