package verticles.comment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Ids;
import verticles.common.Text;
import verticles.common.bus.BusClient;
import verticles.common.bus.DomainVerticle;
import verticles.common.bus.VideoAuthors;
import verticles.common.config.Config;
import verticles.common.db.Database;

/**
 * The comment domain: comments on videos and their per-video count. Posting needs an existing
 * video and 1–1024 characters; deleting is allowed to the comment's author and to the video's
 * author (asked of the video domain), and only for a comment on that video.
 */
public final class CommentVerticle extends DomainVerticle {
  /** The most characters a comment may have, after trimming. */
  public static final int CONTENT_MAX = 1024;

  private final Database db;
  private CommentRepository comments;
  private VideoAuthors authors;

  public CommentVerticle(Database db) {
    super("comment");
    this.db = db;
  }

  @Override
  protected Future<?> setUp(Config config) {
    comments = new CommentRepository(db);
    authors = new VideoAuthors(new BusClient(vertx, config));
    on(CommentAddresses.POST, this::post);
    on(CommentAddresses.DELETE, this::delete);
    on(CommentAddresses.LIST_BY_VIDEO, this::listByVideo);
    on(CommentAddresses.VIDEO_STATS, this::videoStats);
    return Future.succeededFuture();
  }

  private Future<JsonObject> post(JsonObject body) {
    long userId = Ids.require(body, "user_id");
    long videoId = Ids.require(body, "video_id");
    Object raw = body.getValue("content");
    String content = Text.require(raw instanceof String s ? s : null, "content", CONTENT_MAX, true);
    return authors.of(videoId)
        .compose(author -> comments.insert(userId, videoId, content, System.currentTimeMillis()))
        .map(comment -> new JsonObject().put("comment", comment));
  }

  private Future<JsonObject> delete(JsonObject body) {
    long userId = Ids.require(body, "user_id");
    long videoId = Ids.require(body, "video_id");
    long commentId = Ids.require(body, "comment_id");
    return authors.of(videoId).compose(videoAuthor -> comments.authorOf(commentId, videoId).compose(commenter -> {
      if (commenter == null) {
        return Future.failedFuture(CommentRepository.noSuchComment(commentId, videoId));
      }
      if (commenter != userId && videoAuthor != userId) {
        return Future.failedFuture(Failure.forbidden(
            "only the comment's author or the video's author may delete comment " + commentId));
      }
      return comments.delete(commentId, videoId);
    })).map(done -> new JsonObject());
  }

  private Future<JsonObject> listByVideo(JsonObject body) {
    long videoId = Ids.require(body, "video_id");
    return authors.of(videoId).compose(author -> comments.byVideo(videoId))
        .map(found -> new JsonObject().put("comments", new JsonArray(found)));
  }

  private Future<JsonObject> videoStats(JsonObject body) {
    return comments.counts(Ids.list(body, "video_ids")).map(stats -> new JsonObject().put("stats", new JsonArray(stats)));
  }
}
