package verticles.gateway;

import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users' profiles (name, avatar, background, signature) as the user domain answered them. The API
 * cannot change a profile once registered, so the gateway keeps the most recently used ones and
 * asks the user domain only for the others. Bounded (LRU); shared by a node's gateway instances.
 */
final class ProfileCache {
  private final Map<Long, JsonObject> profiles;

  ProfileCache(int capacity) {
    this.profiles = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, JsonObject> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Copies of the cached profiles of {@code ids}, by id; ids not cached are absent. */
  synchronized Map<Long, JsonObject> get(Collection<Long> ids) {
    Map<Long, JsonObject> found = new LinkedHashMap<>();
    for (Long id : ids) {
      JsonObject profile = profiles.get(id);
      if (profile != null) {
        found.put(id, profile.copy());
      }
    }
    return found;
  }

  synchronized void putAll(Map<Long, JsonObject> fetched) {
    fetched.forEach((id, profile) -> profiles.put(id, profile.copy()));
  }
}
