package verticles.video;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import verticles.common.Page;
import verticles.common.PageRequest;
import verticles.common.db.Database;
import verticles.common.db.Keyset;
import verticles.events.Outbox;

import java.util.ArrayList;
import java.util.List;

/** SQL for videos and the per-author work counts. */
final class VideoRepository {
  /** A video plays its web-safe rendition once there is one, its original until then. */
  private static final String COLUMNS = "id, author_id, title, COALESCE(rendition_url, play_url) AS play_url, cover_url, duration_ms, created_at";

  private final Database db;
  private final RenditionJobs jobs;

  VideoRepository(Database db, RenditionJobs jobs) {
    this.db = db;
    this.jobs = jobs;
  }

  /**
   * Inserts a video, counts it in the author's work count, records its event and, when its original
   * is in the object storage ({@code originalKey}), its rendition job, in one transaction.
   */
  Future<Long> insert(long authorId, String title, String playUrl, String coverUrl, String storage, String originalKey,
                      long durationMs, long now) {
    return db.transaction(conn -> db.insert(conn,
            "INSERT INTO videos (author_id, title, play_url, cover_url, storage, duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            Tuple.of(authorId, title, playUrl, coverUrl, storage, durationMs, now))
        .compose(id -> Outbox.recordBehind(db, conn,
                db.query(conn, "INSERT INTO video_user_stats (user_id, work_count) VALUES (?, 1) "
                    + "ON DUPLICATE KEY UPDATE work_count = work_count + 1", Tuple.of(authorId)),
                VideoEvents.published(id, authorId))
            .compose(v -> originalKey == null ? Future.succeededFuture() : jobs.record(conn, id, originalKey, now))
            .map(id)));
  }

  Future<List<JsonObject>> findMany(List<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return db.query("SELECT " + COLUMNS + " FROM videos WHERE id IN " + Database.placeholders(ids.size()),
        Database.tuple(ids)).map(VideoRepository::rows);
  }

  /** Up to {@code limit} videos published before {@code beforeMillis}, newest first. */
  Future<List<JsonObject>> before(long beforeMillis, int limit) {
    return db.query("SELECT " + COLUMNS + " FROM videos WHERE created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?",
        Tuple.of(beforeMillis, limit)).map(VideoRepository::rows);
  }

  /** A page of an author's videos, newest first. */
  Future<Page<JsonObject>> byAuthor(long authorId, PageRequest page) {
    return Keyset.page(db, COLUMNS, "videos WHERE author_id = ?", Tuple.of(authorId), "created_at", "id", page,
        VideoRepository::row);
  }

  Future<List<JsonObject>> workCounts(List<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return db.query("SELECT user_id, work_count FROM video_user_stats WHERE user_id IN "
        + Database.placeholders(userIds.size()), Database.tuple(userIds)).map(rows -> {
          List<JsonObject> stats = new ArrayList<>();
          rows.forEach(r -> stats.add(new JsonObject().put("user_id", r.getLong("user_id"))
              .put("work_count", r.getLong("work_count"))));
          return stats;
        });
  }

  private static List<JsonObject> rows(RowSet<Row> rows) {
    List<JsonObject> videos = new ArrayList<>(rows.size());
    for (Row r : rows) {
      videos.add(row(r));
    }
    return videos;
  }

  private static JsonObject row(Row r) {
    return new VideoRow(r.getLong("id"), r.getLong("author_id"), r.getString("title"),
        r.getString("play_url"), r.getString("cover_url"), r.getLong("duration_ms"), r.getLong("created_at")).toJson();
  }
}
