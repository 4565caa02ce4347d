package verticles.comment;

import io.vertx.core.json.JsonObject;

/** A comment as the comment domain answers it: {@code {id, user_id, content, created_at}} ({@code created_at} in ms). */
public record Comment(long id, long userId, String content, long createdAt) {
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("user_id", userId).put("content", content).put("created_at", createdAt);
  }

  static Comment fromJson(JsonObject json) {
    return new Comment(json.getLong("id"), json.getLong("user_id"), json.getString("content"), json.getLong("created_at"));
  }
}
