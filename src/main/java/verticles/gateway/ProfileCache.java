package verticles.gateway;

import verticles.common.LruMap;
import verticles.user.Profile;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users' profiles (name, avatar, background, signature) as the user domain answered them. The API
 * cannot change a profile once registered, so the gateway keeps the most recently used ones and
 * asks the user domain only for the others. Bounded (LRU); shared by a node's gateway instances.
 */
final class ProfileCache {
  private final Map<Long, Profile> profiles;

  ProfileCache(int capacity) {
    this.profiles = new LruMap<>(capacity);
  }

  /** The cached profiles of {@code ids}, by id; ids not cached are absent. */
  synchronized Map<Long, Profile> get(Collection<Long> ids) {
    Map<Long, Profile> found = new LinkedHashMap<>();
    for (Long id : ids) {
      Profile profile = profiles.get(id);
      if (profile != null) {
        found.put(id, profile);
      }
    }
    return found;
  }

  synchronized void putAll(Collection<Profile> fetched) {
    fetched.forEach(profile -> profiles.put(profile.id(), profile));
  }
}
