package verticles.video;

import io.vertx.core.json.JsonObject;

/**
 * A video as the video domain answers it: {@code {id, author_id, title, play_url, cover_url,
 * duration_ms, created_at}}. URLs may be relative paths ({@code /media/...}, made absolute by the
 * gateway) or absolute (object storage); the duration is 0 when unknown (FFmpeg could not tell, or
 * the video was published before durations were recorded).
 */
public record VideoRow(long id, long authorId, String title, String playUrl, String coverUrl, long durationMs,
                       long createdAt) {
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("author_id", authorId).put("title", title)
        .put("play_url", playUrl).put("cover_url", coverUrl).put("duration_ms", durationMs).put("created_at", createdAt);
  }

  static VideoRow fromJson(JsonObject json) {
    return new VideoRow(json.getLong("id"), json.getLong("author_id"), json.getString("title", ""),
        json.getString("play_url"), json.getString("cover_url"), json.getLong("duration_ms", 0L),
        json.getLong("created_at", 0L));
  }
}
