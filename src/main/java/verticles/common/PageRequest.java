package verticles.common;

import io.vertx.core.json.JsonObject;

/**
 * Which page of a long list to read (docs/api.md, "Paging"): at most {@code limit} items, from the
 * newest ({@code after} null) or strictly after a {@link Cursor}. Crosses the event bus as the
 * optional fields {@code cursor} (string) and {@code limit} (1 to {@link #MAX_LIMIT}; absent: the
 * most).
 */
public record PageRequest(Cursor after, int limit) {
  /** The longest page a domain answers: what one batch call can compose ({@link Fields#MAX_BATCH}). */
  public static final int MAX_LIMIT = Fields.MAX_BATCH;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Failure.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** The first {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(null, limit);
  }

  /** The page a bus request asks for: its {@code cursor} and {@code limit}, each optional. */
  public static PageRequest of(JsonObject body) {
    String cursor = Fields.optionalString(body, "cursor");
    long limit = Fields.nonNegative(body, "limit", MAX_LIMIT);
    return new PageRequest(cursor == null ? null : Cursor.parse(cursor, "cursor"), (int) Math.min(limit, MAX_LIMIT + 1));
  }

  /** {@code body} with this page's fields added, for a bus request. */
  public JsonObject into(JsonObject body) {
    if (after != null) {
      body.put("cursor", after.text());
    }
    return body.put("limit", limit);
  }
}
