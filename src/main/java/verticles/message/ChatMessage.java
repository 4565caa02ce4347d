package verticles.message;

import io.vertx.core.json.JsonObject;

/**
 * A message as the message domain answers it: {@code {id, from_user_id, to_user_id, content,
 * create_time}} ({@code create_time} in ms, strictly increasing within a conversation).
 */
public record ChatMessage(long id, long fromUserId, long toUserId, String content, long createTime) {
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("from_user_id", fromUserId).put("to_user_id", toUserId)
        .put("content", content).put("create_time", createTime);
  }

  static ChatMessage fromJson(JsonObject json) {
    return new ChatMessage(json.getLong("id"), json.getLong("from_user_id"), json.getLong("to_user_id"),
        json.getString("content"), json.getLong("create_time"));
  }
}
