package verticles.comment;

import io.vertx.core.json.JsonObject;

/**
 * A danmaku (a bullet comment shown at {@code progressMs} of the video) as the comment domain
 * answers it: {@code {id, video_id, user_id, content, progress_ms, mode, color, font_size,
 * created_at}} ({@code created_at} in ms).
 */
public record Danmaku(long id, long videoId, long userId, String content, long progressMs, int mode, int color,
                      int fontSize, long createdAt) {
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("video_id", videoId).put("user_id", userId).put("content", content)
        .put("progress_ms", progressMs).put("mode", mode).put("color", color).put("font_size", fontSize)
        .put("created_at", createdAt);
  }

  static Danmaku fromJson(JsonObject json) {
    return new Danmaku(json.getLong("id"), json.getLong("video_id"), json.getLong("user_id"), json.getString("content"),
        json.getLong("progress_ms"), json.getInteger("mode"), json.getInteger("color"), json.getInteger("font_size"),
        json.getLong("created_at"));
  }
}
