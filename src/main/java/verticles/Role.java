package verticles;

import verticles.common.config.ConfigException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a node runs: the HTTP gateway and/or some of the six domains. */
public enum Role {
  GATEWAY, USER, VIDEO, FAVORITE, COMMENT, RELATION, MESSAGE;

  /** Parses {@code all} or a comma-separated list such as {@code gateway,user}. */
  public static Set<Role> parse(String list) {
    if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("all")) {
      return EnumSet.allOf(Role.class);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : list.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("unknown role '" + name + "'; roles are all, "
            + String.join(", ", java.util.Arrays.stream(values()).map(Role::key).toList()));
      }
    }
    if (roles.isEmpty()) {
      throw new ConfigException("no role given: use all or a list such as gateway,user");
    }
    return roles;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isDomain() {
    return this != GATEWAY;
  }
}
