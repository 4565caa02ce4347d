package verticles;

import verticles.common.bus.Domain;
import verticles.common.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a node runs: the HTTP gateway and/or some of the domains ({@link Domain}). */
public record Role(String key, Domain domain) {
  public static final Role GATEWAY = new Role("gateway", null);

  /** The gateway, then every domain. */
  static List<Role> all() {
    List<Role> all = new ArrayList<>();
    all.add(GATEWAY);
    for (Domain domain : Domain.values()) {
      all.add(new Role(domain.key(), domain));
    }
    return all;
  }

  /** Parses {@code all} or a comma-separated list such as {@code gateway,user}; the roles come in {@link #all} order. */
  public static Set<Role> parse(String list) {
    List<Role> all = all();
    if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("all")) {
      return new LinkedHashSet<>(all);
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String part : list.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (all.stream().noneMatch(r -> r.key().equals(name))) {
        throw new ConfigException("unknown role '" + part.trim() + "'; roles are all, "
            + String.join(", ", all.stream().map(Role::key).toList()));
      }
      keys.add(name);
    }
    if (keys.isEmpty()) {
      throw new ConfigException("no role given: use all or a list such as gateway,user");
    }
    Set<Role> roles = new LinkedHashSet<>();
    all.stream().filter(r -> keys.contains(r.key())).forEach(roles::add);
    return roles;
  }

  public boolean isDomain() {
    return domain != null;
  }

  @Override
  public String toString() {
    return key;
  }
}
