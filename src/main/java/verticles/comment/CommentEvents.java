package verticles.comment;

import io.vertx.core.json.JsonObject;
import verticles.events.DomainEvent;

/**
 * The comment domain's events (docs/events.md), in order per video: comments
 * ({@code comment_id, video_id, user_id}) and danmaku ({@code danmaku}: the stored element).
 */
public final class CommentEvents {
  public static final String POSTED = "comment.posted";
  public static final String DELETED = "comment.deleted";
  public static final String DANMAKU_POSTED = "comment.danmakuPosted";

  private CommentEvents() {
  }

  static DomainEvent of(String type, long commentId, long videoId, long userId) {
    return DomainEvent.of(type, "video:" + videoId,
        new JsonObject().put("comment_id", commentId).put("video_id", videoId).put("user_id", userId));
  }

  /** The stored element a {@link #DANMAKU_POSTED} event carries. */
  public static Danmaku danmakuOf(DomainEvent event) {
    return Danmaku.fromJson(event.payload().getJsonObject("danmaku"));
  }

  static DomainEvent danmaku(Danmaku danmaku) {
    return DomainEvent.of(DANMAKU_POSTED, "video:" + danmaku.videoId(), new JsonObject().put("danmaku", danmaku.toJson()));
  }
}
