package verticles.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reading the fields of event-bus request bodies: ids, strings and non-negative numbers, each with
 * one 400 that names the field. Every domain reads its requests through these.
 */
public final class Fields {
  /** The most ids one batch request may carry. */
  public static final int MAX_BATCH = 1000;

  private Fields() {
  }

  /** A required positive integer id. */
  public static long id(JsonObject body, String field) {
    if (isWholeNumber(body.getValue(field)) && ((Number) body.getValue(field)).longValue() > 0) {
      return ((Number) body.getValue(field)).longValue();
    }
    throw Failure.badRequest(field + " must be a positive integer id");
  }

  /** An optional id: absent, null or 0 gives 0 (no such user, e.g. an anonymous viewer). */
  public static long optionalId(JsonObject body, String field) {
    Object value = body.getValue(field);
    return value == null || (value instanceof Number n && n.doubleValue() == 0) ? 0 : id(body, field);
  }

  /**
   * {@code field}, an id that must not be {@code user}'s own: a 400 "you cannot {@code action}
   * yourself" (following, messaging).
   */
  public static long otherUser(JsonObject body, String field, long user, String action) {
    long other = id(body, field);
    if (other == user) {
      throw Failure.badRequest(field + ": you cannot " + action + " yourself");
    }
    return other;
  }

  /** A list of distinct positive ids, in their first-seen order, at most {@link #MAX_BATCH}. */
  public static List<Long> ids(JsonObject body, String field) {
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
      if (!isWholeNumber(value) || ((Number) value).longValue() <= 0) {
        throw Failure.badRequest(field + " must hold positive integer ids");
      }
      ids.add(((Number) value).longValue());
    }
    return new ArrayList<>(ids);
  }

  /** A string field, or null when absent; a 400 when it holds anything but a string. */
  public static String optionalString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw Failure.badRequest(field + " must be a string");
    }
    return (String) value;
  }

  /** A whole number of at least 0, or {@code absent} when the field is absent or null. */
  public static long nonNegative(JsonObject body, String field, long absent) {
    Object value = body.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!isWholeNumber(value) || ((Number) value).longValue() < 0) {
      throw Failure.badRequest(field + " must be a non-negative whole number");
    }
    return ((Number) value).longValue();
  }

  private static boolean isWholeNumber(Object value) {
    return value instanceof Number n && n.doubleValue() == n.longValue();
  }
}
