package verticles.comment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.Text;
import verticles.common.bus.Domain;
import verticles.common.bus.DomainVerticle;
import verticles.common.config.Config;
import verticles.common.db.Database;
import verticles.video.VideoAuthors;

/**
 * The comment domain: comments on videos and their per-video count. Posting needs an existing
 * video and 1–1024 characters; deleting is allowed to the comment's author and to the video's
 * author (asked of the video domain), and only for a comment on that video.
 */
public final class CommentVerticle extends DomainVerticle {
  private final Database db;
  private final VideoAuthors authors;
  private CommentRepository comments;

  public CommentVerticle(Database db, VideoAuthors authors) {
    super(Domain.COMMENT);
    this.db = db;
    this.authors = authors;
  }

  @Override
  protected Future<?> setUp(Config config) {
    comments = new CommentRepository(db);
    on(CommentAddresses.POST, this::post);
    on(CommentAddresses.DELETE, this::delete);
    on(CommentAddresses.LIST_BY_VIDEO, this::listByVideo);
    on(CommentAddresses.VIDEO_STATS, this::videoStats);
    return Future.succeededFuture();
  }

  private Future<JsonObject> post(JsonObject body) {
    long userId = Fields.id(body, "user_id");
    long videoId = Fields.id(body, "video_id");
    String content = Text.require(Fields.optionalString(body, "content"), "content", CommentClient.CONTENT_MAX, true);
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
    return authors.of(videoId).compose(author -> comments.byVideo(videoId))
        .map(found -> new JsonObject().put("comments", new JsonArray(found)));
  }

  private Future<JsonObject> videoStats(JsonObject body) {
    return comments.counts(Fields.ids(body, "video_ids")).map(stats -> new JsonObject().put("stats", new JsonArray(stats)));
  }
}
