package verticles.comment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import verticles.common.db.Database;
import verticles.events.Outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL for danmaku, with the per-user limits checked in the posting transaction: at most one per
 * user and video every {@link #SAME_VIDEO_GAP_MS}, at most {@link #PER_MINUTE} per user a minute.
 * The post locks its author's {@code danmaku_senders} row first, so the check and the insert of
 * two posts of one user never interleave, whichever nodes they reach.
 */
final class DanmakuRepository {
  static final long SAME_VIDEO_GAP_MS = 3000;
  static final int PER_MINUTE = 20;
  private static final long MINUTE_MS = 60_000;

  private final Database db;

  DanmakuRepository(Database db) {
    this.db = db;
  }

  /** What {@link #post} did: stored the danmaku, or refused it by a limit, until {@code retryAfterMs} from now. */
  record Outcome(Danmaku stored, String limit, long retryAfterMs) {
  }

  Future<Outcome> post(Danmaku draft) {
    long now = draft.createdAt();
    return db.transaction(conn -> db.query(conn,
            "INSERT INTO danmaku_senders (user_id) VALUES (?) ON DUPLICATE KEY UPDATE user_id = user_id",
            Tuple.of(draft.userId()))
        .compose(locked -> db.query(conn, "SELECT video_id, created_at FROM danmaku WHERE user_id = ? AND created_at > ? "
            + "ORDER BY created_at DESC LIMIT " + PER_MINUTE, Tuple.of(draft.userId(), now - MINUTE_MS)))
        .compose(recent -> {
          Outcome refused = limited(recent, draft.videoId(), now);
          if (refused != null) {
            return Future.succeededFuture(refused);
          }
          return db.insert(conn, "INSERT INTO danmaku (video_id, user_id, content, progress_ms, mode, color, font_size, "
                  + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Tuple.from(List.of(draft.videoId(), draft.userId(),
                  draft.content(), draft.progressMs(), draft.mode(), draft.color(), draft.fontSize(), now)))
              .compose(id -> {
                Danmaku stored = new Danmaku(id, draft.videoId(), draft.userId(), draft.content(), draft.progressMs(),
                    draft.mode(), draft.color(), draft.fontSize(), now);
                return Outbox.record(db, conn, CommentEvents.danmaku(stored)).map(new Outcome(stored, null, 0));
              });
        }));
  }

  /** The limit {@code recent} (the author's danmaku of the last minute, newest first) puts on a post now, or null. */
  private static Outcome limited(RowSet<Row> recent, long videoId, long now) {
    long oldest = Long.MAX_VALUE;
    for (Row row : recent) {
      long at = row.getLong("created_at");
      oldest = Math.min(oldest, at);
      if (row.getLong("video_id") == videoId && now - at < SAME_VIDEO_GAP_MS) {
        return new Outcome(null, "one danmaku per video every " + SAME_VIDEO_GAP_MS / 1000 + " seconds",
            at + SAME_VIDEO_GAP_MS - now);
      }
    }
    if (recent.size() >= PER_MINUTE) {
      return new Outcome(null, PER_MINUTE + " danmaku a minute", oldest + MINUTE_MS - now);
    }
    return null;
  }

  /**
   * The danmaku of {@code videoId} shown from {@code fromMs} to {@code toMs} of the video, by
   * progress, at most {@code limit}.
   */
  Future<List<JsonObject>> window(long videoId, long fromMs, long toMs, int limit) {
    return db.query("SELECT id, user_id, content, progress_ms, mode, color, font_size, created_at FROM danmaku "
            + "WHERE video_id = ? AND progress_ms >= ? AND progress_ms <= ? ORDER BY progress_ms, id LIMIT ?",
        Tuple.of(videoId, fromMs, toMs, limit)).map(rows -> {
          List<JsonObject> found = new ArrayList<>(rows.size());
          for (Row r : rows) {
            found.add(new Danmaku(r.getLong("id"), videoId, r.getLong("user_id"), r.getString("content"),
                r.getLong("progress_ms"), r.getInteger("mode"), r.getInteger("color"), r.getInteger("font_size"),
                r.getLong("created_at")).toJson());
          }
          return found;
        });
  }
}
