package verticles.comment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.PageRequest;
import verticles.common.Text;
import verticles.common.bus.Domain;
import verticles.common.bus.DomainVerticle;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.common.db.Database;
import verticles.moderation.Moderation;
import verticles.video.VideoAuthors;

/**
 * The comment domain: comments on videos and their per-video count. Posting needs an existing
 * video and 1–1024 characters that pass the {@link Moderation} rule; deleting is allowed to the comment's author and to the video's
 * author (asked of the video domain), and only for a comment on that video. The domain also keeps
 * the videos' danmaku (bullet comments timed to the video: {@link DanmakuDrafts} says what a valid
 * one is, {@link DanmakuRepository} the per-user limits); they are user text attached to a video,
 * like comments, under the same moderation.
 */
public final class CommentVerticle extends DomainVerticle {
  private final Database db;
  private final VideoAuthors authors;
  private CommentRepository comments;
  private DanmakuRepository danmaku;
  private Moderation moderation;
  /** Progress is checked against this when a video's duration is unknown: the longest video accepted. */
  private long longestVideoMs;

  public CommentVerticle(Database db, VideoAuthors authors) {
    super(Domain.COMMENT);
    this.db = db;
    this.authors = authors;
  }

  @Override
  protected Future<?> setUp(Config config) {
    comments = new CommentRepository(db);
    danmaku = new DanmakuRepository(db);
    longestVideoMs = config.integer(Setting.MEDIA_MAX_SECONDS) * 1000L;
    on(CommentAddresses.POST, this::post);
    on(CommentAddresses.DELETE, this::delete);
    on(CommentAddresses.LIST_BY_VIDEO, this::listByVideo);
    on(CommentAddresses.GET, this::get);
    on(CommentAddresses.VIDEO_STATS, this::videoStats);
    on(CommentAddresses.DANMAKU_POST, this::postDanmaku);
    on(CommentAddresses.DANMAKU_LIST, this::listDanmaku);
    return Moderation.load(vertx, config).onSuccess(loaded -> moderation = loaded);
  }

  private Future<JsonObject> post(JsonObject body) {
    long userId = Fields.id(body, "user_id");
    long videoId = Fields.id(body, "video_id");
    String content = moderation.screen(
        Text.require(Fields.optionalString(body, "content"), "content", CommentClient.CONTENT_MAX, true), "comment");
    return authors.of(videoId)
        .compose(author -> comments.insert(userId, videoId, content, System.currentTimeMillis()))
        .map(comment -> new JsonObject().put("comment", comment));
  }

  private Future<JsonObject> delete(JsonObject body) {
    long userId = Fields.id(body, "user_id");
    long videoId = Fields.id(body, "video_id");
    long commentId = Fields.id(body, "comment_id");
    return authors.of(videoId).compose(videoAuthor -> comments.authorOf(commentId, videoId).compose(commenter -> {
      if (commenter == null) {
        return Future.failedFuture(CommentRepository.noSuchComment(commentId, videoId));
      }
      if (commenter != userId && videoAuthor != userId) {
        return Future.failedFuture(Failure.forbidden(
            "only the comment's author or the video's author may delete comment " + commentId));
      }
      return comments.delete(commentId, videoId, commenter);
    })).map(done -> new JsonObject());
  }

  private Future<JsonObject> listByVideo(JsonObject body) {
    long videoId = Fields.id(body, "video_id");
    PageRequest page = PageRequest.of(body);
    return authors.of(videoId).compose(author -> comments.byVideo(videoId, page))
        .map(found -> found.into(new JsonObject(), "comments", comment -> comment));
  }

  private Future<JsonObject> get(JsonObject body) {
    long commentId = Fields.id(body, "comment_id");
    long videoId = Fields.id(body, "video_id");
    return comments.byId(commentId, videoId).compose(comment -> comment == null
        ? Future.failedFuture(CommentRepository.noSuchComment(commentId, videoId))
        : Future.succeededFuture(new JsonObject().put("comment", comment)));
  }

  /** Stores a danmaku, or answers {@code limited} (what limit, when to try again) when its author is over a limit. */
  private Future<JsonObject> postDanmaku(JsonObject body) {
    long videoId = Fields.id(body, "video_id");
    String content = moderation.screen(DanmakuDrafts.content(body), "danmaku");
    return authors.durationOf(videoId)
        .map(duration -> DanmakuDrafts.of(body, content, duration > 0 ? duration : longestVideoMs, System.currentTimeMillis()))
        .compose(danmaku::post)
        .map(outcome -> outcome.stored() != null ? new JsonObject().put("danmaku", outcome.stored().toJson())
            : new JsonObject().put("limited", new JsonObject().put("reason", outcome.limit())
                .put("retry_after_ms", outcome.retryAfterMs())));
  }

  /** The danmaku of a window of at most {@link CommentClient#DANMAKU_WINDOW_MS} of the video, by progress. */
  private Future<JsonObject> listDanmaku(JsonObject body) {
    long videoId = Fields.id(body, "video_id");
    long from = Fields.nonNegative(body, "from_ms", 0);
    long to = Fields.nonNegative(body, "to_ms", from + CommentClient.DANMAKU_WINDOW_MS);
    if (to < from) {
      throw Failure.badRequest("to_ms must not be before from_ms");
    }
    if (to - from > CommentClient.DANMAKU_WINDOW_MS) {
      throw Failure.badRequest("a danmaku list covers at most " + CommentClient.DANMAKU_WINDOW_MS / 60_000
          + " minutes of video: to_ms - from_ms is " + (to - from));
    }
    return authors.of(videoId).compose(author -> danmaku.window(videoId, from, to, CommentClient.DANMAKU_LIST_MAX))
        .map(found -> new JsonObject().put("danmaku", new JsonArray(found)));
  }

  private Future<JsonObject> videoStats(JsonObject body) {
    return comments.counts(Fields.ids(body, "video_ids")).map(stats -> new JsonObject().put("stats", new JsonArray(stats)));
  }
}
