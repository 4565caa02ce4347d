package verticles.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reading the shapes that replies of several domains share (docs/eventbus.md), for the typed clients. */
public final class Replies {
  private Replies() {
  }

  /** The ids in array {@code field} of a reply ({@code user_ids}, {@code video_ids}); none when absent. */
  public static List<Long> ids(JsonObject reply, String field) {
    JsonArray ids = reply.getJsonArray(field, new JsonArray());
    return ids.stream().map(id -> ((Number) id).longValue()).toList();
  }

  /**
   * A stats reply, {@code {"stats": [{"<idField>": id, field: value, ...}]}}, by id: each entry read
   * by {@code read}. Ids without an entry are absent (zero values).
   */
  public static <T> Map<Long, T> statsById(JsonObject reply, String idField, Function<JsonObject, T> read) {
    Map<Long, T> byId = new HashMap<>();
    for (Object item : reply.getJsonArray("stats", new JsonArray())) {
      JsonObject stat = (JsonObject) item;
      byId.put(stat.getLong(idField), read.apply(stat));
    }
    return byId;
  }
}
