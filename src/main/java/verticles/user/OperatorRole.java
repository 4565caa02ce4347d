package verticles.user;

import verticles.common.Failure;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an operator may do on the event-bus bridges, each role including the ones before it:
 * a {@code viewer} reads, a {@code moderator} also moderates, an {@code admin} also administers.
 */
public enum OperatorRole {
  VIEWER, MODERATOR, ADMIN;

  /** The role named {@code key} ({@code viewer}, {@code moderator}, {@code admin}); a 400 naming them otherwise. */
  public static OperatorRole parse(String key) {
    for (OperatorRole role : values()) {
      if (role.key().equals(key)) {
        return role;
      }
    }
    throw Failure.badRequest("role must be one of " + String.join(", ", Arrays.stream(values()).map(OperatorRole::key).toList()));
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this role may do what {@code other} may. */
  public boolean includes(OperatorRole other) {
    return compareTo(other) >= 0;
  }
}
