package verticles.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The top-level fields of each endpoint's response at their zero values. A failure carries them
 * next to the envelope, because clients generated from the official IDL treat them as required
 * (the contract's Transport section). The one home of what a failed response looks like.
 */
enum ResponseShape {
  /** Actions that answer only the envelope (publish, like, follow, send, and comment, whose comment is optional). */
  NONE(new JsonObject()),
  /** Register and login. */
  ACCOUNT(new JsonObject().put("user_id", 0L).put("token", "")),
  /** User info. */
  USER(new JsonObject().put("user", ApiObjects.unknownUser(0))),
  FEED(new JsonObject().put("video_list", new JsonArray()).put("next_time", 0L)),
  /** Publish list and favorite list. */
  VIDEO_LIST(new JsonObject().put("video_list", new JsonArray())),
  COMMENT_LIST(new JsonObject().put("comment_list", new JsonArray())),
  /** Follow, follower and friend lists. */
  USER_LIST(new JsonObject().put("user_list", new JsonArray())),
  MESSAGE_LIST(new JsonObject().put("message_list", new JsonArray())),
  /** Danmaku post (the stored element is absent on failure) and list. */
  DANMAKU(new JsonObject()),
  DANMAKU_LIST(new JsonObject().put("danmaku_list", new JsonArray()));

  private final JsonObject zero;

  ResponseShape(JsonObject zero) {
    this.zero = zero;
  }

  /** A fresh copy of the fields at their zero values. */
  JsonObject zero() {
    return zero.copy();
  }
}
