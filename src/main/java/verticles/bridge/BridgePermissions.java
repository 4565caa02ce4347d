package verticles.bridge;

import verticles.user.OperatorRole;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each operator role may send to on the bridges: a {@code viewer} the reads (every domain's
 * ping and the reads its client declares), a {@code moderator} also the moderation operations, an
 * {@code admin} also the administration ones. The lists come from the domains' typed clients.
 */
public final class BridgePermissions {
  private final Map<OperatorRole, Set<String>> sends = new EnumMap<>(OperatorRole.class);

  /** Permissions from the addresses of each kind. */
  public BridgePermissions(List<String> reads, List<String> moderation, List<String> administration) {
    Set<String> viewer = new LinkedHashSet<>(reads);
    Set<String> moderator = new LinkedHashSet<>(viewer);
    moderator.addAll(moderation);
    Set<String> admin = new LinkedHashSet<>(moderator);
    admin.addAll(administration);
    sends.put(OperatorRole.VIEWER, Set.copyOf(viewer));
    sends.put(OperatorRole.MODERATOR, Set.copyOf(moderator));
    sends.put(OperatorRole.ADMIN, Set.copyOf(admin));
  }

  /** Whether {@code role} may send (or publish) to {@code address}. */
  boolean maySend(OperatorRole role, String address) {
    return sends.get(role).contains(address);
  }

  /** Every address some role may send to (what the bridges let through at all). */
  Set<String> anySend() {
    return sends.get(OperatorRole.ADMIN);
  }
}
