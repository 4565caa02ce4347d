package verticles.comment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import verticles.common.Failure;
import verticles.common.Page;
import verticles.common.PageRequest;
import verticles.common.db.Database;
import verticles.common.db.Keyset;
import verticles.events.Outbox;

import java.util.List;

/**
 * SQL for comments and the per-video comment_count, which changes in the same transaction as the
 * comment row it counts: +1 with the insert, -1 only when the delete really removed a row. Both
 * record their event in the outbox in that transaction, after the counter row is locked.
 */
final class CommentRepository {
  private final Database db;

  CommentRepository(Database db) {
    this.db = db;
  }

  /** Stores a comment and counts it; returns the stored comment. */
  Future<JsonObject> insert(long userId, long videoId, String content, long now) {
    return db.transaction(conn -> db.insert(conn,
            "INSERT INTO comments (video_id, user_id, content, created_at) VALUES (?, ?, ?, ?)",
            Tuple.of(videoId, userId, content, now))
        .compose(id -> Outbox.recordBehind(db, conn,
                db.query(conn, "INSERT INTO comment_video_stats (video_id, comment_count) VALUES (?, 1) "
                    + "ON DUPLICATE KEY UPDATE comment_count = comment_count + 1", Tuple.of(videoId)),
                CommentEvents.of(CommentEvents.POSTED, id, videoId, userId))
            .map(done -> comment(id, userId, content, now))));
  }

  /** The author of comment {@code commentId} on {@code videoId}, or null when there is no such comment on that video. */
  Future<Long> authorOf(long commentId, long videoId) {
    return db.query("SELECT user_id FROM comments WHERE id = ? AND video_id = ?", Tuple.of(commentId, videoId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("user_id"));
  }

  /** Comment {@code commentId} of {@code videoId}, or null when there is no such comment on that video. */
  Future<JsonObject> byId(long commentId, long videoId) {
    return db.query("SELECT user_id, content, created_at FROM comments WHERE id = ? AND video_id = ?", Tuple.of(commentId, videoId))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return comment(commentId, r.getLong("user_id"), r.getString("content"), r.getLong("created_at"));
        });
  }

  /** Deletes a comment by {@code userId} and uncounts it; a 404 when it is not (or no longer) there. */
  Future<Void> delete(long commentId, long videoId, long userId) {
    return db.transaction(conn -> db.query(conn, "DELETE FROM comments WHERE id = ? AND video_id = ?",
            Tuple.of(commentId, videoId))
        .compose(deleted -> deleted.rowCount() == 0
            ? Future.succeededFuture(false)
            : Outbox.recordBehind(db, conn,
                    db.query(conn, "UPDATE comment_video_stats SET comment_count = comment_count - 1 WHERE video_id = ?",
                        Tuple.of(videoId)),
                    CommentEvents.of(CommentEvents.DELETED, commentId, videoId, userId))
                .map(true)))
        .compose(deleted -> deleted ? Future.<Void>succeededFuture() : Future.failedFuture(noSuchComment(commentId, videoId)));
  }

  /** A page of a video's comments, newest first. */
  Future<Page<JsonObject>> byVideo(long videoId, PageRequest page) {
    return Keyset.page(db, "user_id, content", "comments WHERE video_id = ?", Tuple.of(videoId), "created_at", "id", page,
        r -> comment(r.getLong("page_id"), r.getLong("user_id"), r.getString("content"), r.getLong("page_time")));
  }

  Future<List<JsonObject>> counts(List<Long> videoIds) {
    return db.longsIn("SELECT video_id, comment_count FROM comment_video_stats WHERE video_id IN", videoIds,
        "video_id", "comment_count");
  }

  static Failure noSuchComment(long commentId, long videoId) {
    return Failure.notFound("comment " + commentId + " does not exist on video " + videoId);
  }

  private static JsonObject comment(long id, long userId, String content, long createdAt) {
    return new Comment(id, userId, content, createdAt).toJson();
  }
}
