package verticles.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A map of at most {@code max} entries that forgets the least recently used one beyond, so that
 * a client inventing addresses or user names cannot grow a node's memory; thread-safe (every
 * event loop of the node shares it). A forgotten bucket starts full again: an attacker would need
 * {@code max} fresh subjects between two of its own requests to gain from it.
 */
final class RecentKeys<V> {
  private final Map<String, V> entries;

  RecentKeys(int max) {
    this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }

  synchronized V computeIfAbsent(String key, Function<String, V> create) {
    return entries.computeIfAbsent(key, create);
  }

  synchronized V get(String key) {
    return entries.get(key);
  }

  synchronized void put(String key, V value) {
    entries.put(key, value);
  }

  synchronized void remove(String key) {
    entries.remove(key);
  }
}
