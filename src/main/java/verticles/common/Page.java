package verticles.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a long list ({@link PageRequest}): its items, newest first, and the cursor of the
 * next page, or null when this is the last one. Crosses the event bus as the items' array and an
 * optional {@code next_cursor}.
 */
public record Page<T>(List<T> items, Cursor next) {
  /** {@code reply} with this page's items under {@code field} (each written by {@code write}) and its next cursor. */
  public JsonObject into(JsonObject reply, String field, Function<T, Object> write) {
    reply.put(field, new JsonArray(items.stream().map(write).toList()));
    if (next != null) {
      reply.put("next_cursor", next.text());
    }
    return reply;
  }

  /** The page in a bus reply: items from array {@code field}, each read by {@code read}. */
  public static <T> Page<T> of(JsonObject reply, String field, Function<Object, T> read) {
    List<T> items = reply.getJsonArray(field, new JsonArray()).stream().map(read).toList();
    String next = reply.getString("next_cursor");
    return new Page<>(items, next == null ? null : Cursor.parse(next, "next_cursor"));
  }

  /** A page of ids ({@code user_ids}, {@code video_ids}) in a bus reply. */
  public static Page<Long> ofIds(JsonObject reply, String field) {
    return of(reply, field, id -> ((Number) id).longValue());
  }

  /** The API response's {@code next_cursor}, when there is a next page. */
  public JsonObject putNext(JsonObject response) {
    return next == null ? response : response.put("next_cursor", next.text());
  }
}
