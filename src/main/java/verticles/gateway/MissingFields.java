package verticles.gateway;

import io.vertx.core.json.JsonObject;
import verticles.common.bus.Domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields one read answers at their zero values because a domain that adds them is
 * unavailable (a degraded read, {@link Degradations}). A read with any says so: a success whose
 * {@code status_msg} names the missing fields and the domains, never a plain "success".
 */
final class MissingFields {
  /** The API fields each domain adds to objects owned by another. */
  private static final Map<Domain, String> FIELDS = Map.of(
      Domain.USER, "name, avatar, background_image, signature",
      Domain.VIDEO, "work_count",
      Domain.FAVORITE, "favorite_count, total_favorited, is_favorite",
      Domain.COMMENT, "comment_count",
      Domain.RELATION, "follow_count, follower_count, is_follow",
      Domain.MESSAGE, "message, msgType");

  private final Set<Domain> domains = EnumSet.noneOf(Domain.class);

  synchronized void add(Domain domain) {
    domains.add(domain);
  }

  synchronized boolean isEmpty() {
    return domains.isEmpty();
  }

  /** {@code fields} with a {@code status_msg} naming what is missing, when anything is; else unchanged. */
  synchronized JsonObject mark(JsonObject fields) {
    if (domains.isEmpty() || fields == null) {
      return fields;
    }
    String missing = domains.stream().map(FIELDS::get).collect(Collectors.joining(", "));
    String services = domains.stream().map(Domain::key).collect(Collectors.joining(", "));
    return fields.put("status_msg", "partial answer: " + missing + " are missing (zero values) because the "
        + services + " service is unavailable");
  }
}
