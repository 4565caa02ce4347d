package verticles.comment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Page;
import verticles.common.PageRequest;
import verticles.common.bus.BusClient;
import verticles.common.bus.Replies;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The comment domain, for the gateway: one method per operation of docs/eventbus.md, over the
 * {@link BusClient}.
 */
public final class CommentClient {
  /** The reads internal tools may call on the bridge. */
  public static final List<String> READS = List.of(CommentAddresses.LIST_BY_VIDEO, CommentAddresses.VIDEO_STATS);
  /** The most characters of a comment, after trimming. */
  public static final int CONTENT_MAX = 1024;
  /** The most characters of a danmaku, after trimming. */
  public static final int DANMAKU_MAX = 100;
  /** The longest stretch of video one danmaku list covers. */
  public static final long DANMAKU_WINDOW_MS = 6 * 60 * 1000L;
  /** The most danmaku one list answers: the first of the window, by progress. */
  public static final int DANMAKU_LIST_MAX = 1000;

  /** What a danmaku post asks for: the style fields are null when not given (the defaults apply). */
  public record DanmakuDraft(long videoId, String content, Long progressMs, Long mode, Long color, Long fontSize) {
  }

  private final BusClient bus;

  public CommentClient(BusClient bus) {
    this.bus = bus;
  }

  /** {@code comment.post}: the stored comment; 400 bad content, 404 unknown video. */
  public Future<Comment> post(long userId, long videoId, String content) {
    return bus.request(CommentAddresses.POST, new JsonObject().put("user_id", userId).put("video_id", videoId)
            .put("content", content))
        .map(reply -> Comment.fromJson(reply.getJsonObject("comment")));
  }

  /** {@code comment.delete}: 403 neither the comment's nor the video's author, 404 no such comment on that video. */
  public Future<Void> delete(long userId, long videoId, long commentId) {
    return bus.request(CommentAddresses.DELETE, new JsonObject().put("user_id", userId).put("video_id", videoId)
        .put("comment_id", commentId)).mapEmpty();
  }

  /** {@code comment.listByVideo}: a page of the video's comments, newest first; 404 unknown video. */
  public Future<Page<Comment>> byVideo(long videoId, PageRequest page) {
    return bus.requestIdempotent(CommentAddresses.LIST_BY_VIDEO, page.into(new JsonObject().put("video_id", videoId)))
        .map(reply -> Page.of(reply, "comments", c -> Comment.fromJson((JsonObject) c)));
  }

  /** {@code comment.get}: comment {@code commentId} of {@code videoId}; 404 when there is no such comment on that video. */
  public Future<Comment> comment(long commentId, long videoId) {
    return bus.requestIdempotent(CommentAddresses.GET, new JsonObject().put("comment_id", commentId).put("video_id", videoId))
        .map(reply -> Comment.fromJson(reply.getJsonObject("comment")));
  }

  /**
   * {@code comment.danmakuPost}: the stored danmaku; 400 bad fields or words the moderation refuses,
   * 404 unknown video, 429 over a per-user limit (with when to try again).
   */
  public Future<Danmaku> postDanmaku(long userId, DanmakuDraft draft) {
    return bus.request(CommentAddresses.DANMAKU_POST, new JsonObject().put("user_id", userId)
            .put("video_id", draft.videoId()).put("content", draft.content()).put("progress_ms", draft.progressMs())
            .put("mode", draft.mode()).put("color", draft.color()).put("font_size", draft.fontSize()))
        .compose(reply -> {
          JsonObject limited = reply.getJsonObject("limited");
          if (limited != null) {
            return Future.failedFuture(Failure.tooMany(limited.getString("reason"),
                limited.getLong("retry_after_ms", 1000L)));
          }
          return Future.succeededFuture(Danmaku.fromJson(reply.getJsonObject("danmaku")));
        });
  }

  /** {@code comment.danmakuList}: the danmaku of a video from {@code fromMs} to {@code toMs}, by progress; 404 unknown video. */
  public Future<List<Danmaku>> danmaku(long videoId, long fromMs, long toMs) {
    return bus.requestIdempotent(CommentAddresses.DANMAKU_LIST, new JsonObject().put("video_id", videoId).put("from_ms", fromMs)
            .put("to_ms", toMs))
        .map(reply -> reply.getJsonArray("danmaku", new JsonArray()).stream()
            .map(d -> Danmaku.fromJson((JsonObject) d)).toList());
  }

  /** {@code comment.videoStats}: comment counts by video id; videos never commented are absent. */
  public Future<Map<Long, Long>> commentCounts(Collection<Long> videoIds) {
    return bus.requestIdempotent(CommentAddresses.VIDEO_STATS, new JsonObject().put("video_ids", new JsonArray(List.copyOf(videoIds))))
        .map(reply -> Replies.statsById(reply, "video_id", stat -> stat.getLong("comment_count", 0L)));
  }
}
