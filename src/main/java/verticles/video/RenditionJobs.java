package verticles.video;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.db.Database;

import java.util.List;

/**
 * The {@code media_jobs} table: one rendition job per published video, recorded in the publish
 * transaction, so a job exists if and only if its video does. The table is the truth about every
 * job; a broker only carries "job N is due" (docs/media.md). A job is taken (claimed) under a lease
 * that its worker renews; a lease that runs out (the worker died) makes the job due again. A job
 * that failed {@link #ATTEMPTS} times is dead: its video keeps playing its original.
 */
final class RenditionJobs {
  private static final Logger log = LoggerFactory.getLogger(RenditionJobs.class);
  static final int ATTEMPTS = 3;
  /** How long a claim holds without being renewed. */
  static final long LEASE_MS = 30_000;
  /** Pause before a failed job is due again, times its attempts. */
  static final long RETRY_PAUSE_MS = 2_000;
  /** Due: waiting (and its pause over), or running with its lease run out; queued jobs are on the broker. */
  private static final String DUE = "(state IN ('waiting', 'running') AND lease_until < ?)";

  /** What a claim found: the job to run (with its attempt), or why there is nothing to run. */
  record Claim(String outcome, String originalKey, int attempt) {
    JsonObject toJson() {
      return new JsonObject().put("outcome", outcome).put("original_key", originalKey).put("attempt", attempt);
    }
  }

  private final Database db;

  RenditionJobs(Database db) {
    this.db = db;
  }

  /** Records the job of a new video in the transaction of {@code conn}. */
  Future<Void> record(SqlConnection conn, long videoId, String originalKey, long now) {
    return db.query(conn, "INSERT INTO media_jobs (video_id, original_key, state, created_at, updated_at) "
        + "VALUES (?, ?, 'waiting', ?, ?)", Tuple.of(videoId, originalKey, now, now)).mapEmpty();
  }

  /** Up to {@code limit} due jobs, oldest first. */
  Future<List<Long>> due(int limit) {
    return db.query("SELECT video_id FROM media_jobs WHERE " + DUE + " ORDER BY video_id LIMIT ?",
        Tuple.of(System.currentTimeMillis(), limit)).map(rows -> {
          List<Long> ids = new java.util.ArrayList<>(rows.size());
          rows.forEach(r -> ids.add(r.getLong("video_id")));
          return ids;
        });
  }

  /** The broker confirmed these jobs: they are queued (unless a worker took one meanwhile). */
  Future<Void> queued(List<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple args = Tuple.of(System.currentTimeMillis(), System.currentTimeMillis());
    videoIds.forEach(args::addValue);
    return db.query("UPDATE media_jobs SET state = 'queued', lease_until = 0, updated_at = ? WHERE " + DUE
        + " AND video_id IN " + Database.placeholders(videoIds.size()), args).mapEmpty();
  }

  /**
   * Takes job {@code videoId} for one attempt under a fresh lease, when it is queued or due:
   * {@code run}. Otherwise {@code finished} (done), {@code dead} (dead before, or declared dead now
   * because its attempts are used up: its workers died on it), {@code busy} (another worker holds
   * it, or its retry pause is not over: it comes again when due), {@code absent}.
   */
  Future<Claim> claim(long videoId) {
    long now = System.currentTimeMillis();
    return db.transaction(conn -> db.query(conn,
            "SELECT state, attempts, lease_until, original_key FROM media_jobs WHERE video_id = ? FOR UPDATE", Tuple.of(videoId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new Claim("absent", null, 0));
          }
          Row row = rows.iterator().next();
          String state = row.getString("state");
          int attempts = row.getInteger("attempts");
          String key = row.getString("original_key");
          if (state.equals("done") || state.equals("dead")) {
            return Future.succeededFuture(new Claim(state.equals("done") ? "finished" : "dead", key, attempts));
          }
          if (!state.equals("queued") && row.getLong("lease_until") >= now) {
            return Future.succeededFuture(new Claim("busy", key, attempts));
          }
          if (attempts >= ATTEMPTS) {
            log.error("rendition job of video {} is dead: its {} attempts ended without an answer from their worker",
                videoId, attempts);
            return finish(conn, videoId, "dead", null, "every attempt's worker stopped before it finished", now)
                .map(new Claim("dead", key, attempts));
          }
          return db.query(conn, "UPDATE media_jobs SET state = 'running', attempts = attempts + 1, lease_until = ?, "
                  + "updated_at = ? WHERE video_id = ?", Tuple.of(now + LEASE_MS, now, videoId))
              .map(new Claim("run", key, attempts + 1));
        }));
  }

  /** Extends a running job's lease (its worker is still at it). */
  Future<Void> renew(long videoId) {
    long now = System.currentTimeMillis();
    return db.query("UPDATE media_jobs SET lease_until = ?, updated_at = ? WHERE video_id = ? AND state = 'running'",
        Tuple.of(now + LEASE_MS, now, videoId)).mapEmpty();
  }

  /** The rendition is stored: the video plays it from now on, and the job is done. */
  Future<Void> done(long videoId, String renditionKey, String renditionUrl) {
    long now = System.currentTimeMillis();
    return db.transaction(conn -> db.query(conn, "UPDATE videos SET rendition_url = ? WHERE id = ?",
            Tuple.of(renditionUrl, videoId))
        .compose(v -> finish(conn, videoId, "done", renditionKey, null, now)));
  }

  /**
   * An attempt failed: the job is due again after a pause growing with its attempts, or dead (logged)
   * after {@link #ATTEMPTS}. Answers whether it is dead.
   */
  Future<Boolean> failed(long videoId, String reason) {
    long now = System.currentTimeMillis();
    String shortReason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    return db.transaction(conn -> db.query(conn, "SELECT attempts FROM media_jobs WHERE video_id = ? AND state = 'running' FOR UPDATE",
            Tuple.of(videoId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          int attempts = rows.iterator().next().getInteger("attempts");
          if (attempts >= ATTEMPTS) {
            log.error("rendition job of video {} is dead after {} attempts; the video plays its original: {}",
                videoId, attempts, shortReason);
            return finish(conn, videoId, "dead", null, shortReason, now).map(true);
          }
          log.warn("rendition job of video {} failed (attempt {} of {}), retrying: {}", videoId, attempts, ATTEMPTS, shortReason);
          return db.query(conn, "UPDATE media_jobs SET state = 'waiting', lease_until = ?, reason = ?, updated_at = ? "
              + "WHERE video_id = ?", Tuple.of(now + RETRY_PAUSE_MS * attempts, shortReason, now, videoId)).map(false);
        }));
  }

  private Future<Void> finish(SqlConnection conn, long videoId, String state, String renditionKey, String reason, long now) {
    return db.query(conn, "UPDATE media_jobs SET state = ?, rendition_key = ?, reason = ?, lease_until = 0, updated_at = ? "
        + "WHERE video_id = ?", Tuple.of(state, renditionKey, reason, now, videoId)).mapEmpty();
  }

  /** Jobs by state ({@code waiting, queued, running, done, dead}) and the oldest unfinished one's creation (ms, 0 when none). */
  Future<JsonObject> counts() {
    return db.query("SELECT state, COUNT(*) AS n, MIN(created_at) AS oldest FROM media_jobs GROUP BY state", Tuple.tuple())
        .map(rows -> {
          JsonObject counts = new JsonObject();
          long oldest = 0;
          for (String state : List.of("waiting", "queued", "running", "done", "dead")) {
            counts.put(state, 0L);
          }
          for (Row r : rows) {
            counts.put(r.getString("state"), r.getLong("n"));
            if (!List.of("done", "dead").contains(r.getString("state"))) {
              long o = r.getLong("oldest");
              oldest = oldest == 0 ? o : Math.min(oldest, o);
            }
          }
          return new JsonObject().put("jobs", counts).put("oldest_unfinished_at", oldest);
        });
  }
}
