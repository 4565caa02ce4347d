package verticles.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reading ids out of event-bus request bodies, with 400s that name the field. */
public final class Ids {
  /** The most ids one batch request may carry. */
  public static final int MAX_BATCH = 1000;

  private Ids() {
  }

  public static long require(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    throw Failure.badRequest(field + " must be a positive integer id");
  }

  /** An optional id: absent, null or 0 gives 0 (no such user, e.g. an anonymous viewer). */
  public static long optional(JsonObject body, String field) {
    Object value = body.getValue(field);
    return value == null || (value instanceof Number n && n.doubleValue() == 0) ? 0 : require(body, field);
  }

  /** A list of distinct positive ids, in their first-seen order, at most {@link #MAX_BATCH}. */
  public static List<Long> list(JsonObject body, String field) {
    JsonArray array;
    try {
      array = body.getJsonArray(field);
    } catch (ClassCastException e) {
      throw Failure.badRequest(field + " must be an array of ids");
    }
    if (array == null) {
      throw Failure.badRequest(field + " is required");
    }
    if (array.size() > MAX_BATCH) {
      throw Failure.badRequest(field + " may hold at most " + MAX_BATCH + " ids");
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (Object value : array) {
      if (!(value instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
        throw Failure.badRequest(field + " must hold positive integer ids");
      }
      ids.add(n.longValue());
    }
    return new ArrayList<>(ids);
  }
}
