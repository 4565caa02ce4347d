package verticles.video;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import verticles.comment.CommentEvents;
import verticles.common.Refreshing;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.common.db.Database;
import verticles.events.DomainEvent;
import verticles.favorite.FavoriteEvents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The hot ranking: videos by their likes and comments of the last 24 hours, each weighted by its
 * age, {@code weight × 2^(−age / hot_half_life_minutes)} (a like weighs {@link #LIKE_WEIGHT}, a
 * comment {@link #COMMENT_WEIGHT}). It is fed by the events of the favorite and comment domains
 * (the {@code hot} subscription): a like or comment adds a row to {@code hot_signals}, an unlike or
 * a deletion removes it, so the ranking counts what still stands. The ranking is computed at most
 * every {@code hot_refresh_ms} and kept in memory; rows older than the window are pruned.
 */
final class HotRanking {
  static final long WINDOW_MS = TimeUnit.HOURS.toMillis(24);
  static final int LIKE_WEIGHT = 1;
  static final int COMMENT_WEIGHT = 3;
  /** The ranking holds this many videos at most; the hot feed ends there. */
  static final int RANKED = 1000;
  private static final long PRUNE_EVERY_MS = TimeUnit.MINUTES.toMillis(1);

  private final Database db;
  /** The decay's time constant: the half-life over ln 2, in ms. */
  private final double tauMs;
  private final Refreshing<List<Long>> ranking;
  private volatile long prunedAt;

  HotRanking(Database db, Config config) {
    this.db = db;
    this.tauMs = TimeUnit.MINUTES.toMillis(config.integer(Setting.HOT_HALF_LIFE_MINUTES)) / Math.log(2);
    this.ranking = new Refreshing<>(config.integer(Setting.HOT_REFRESH_MS), this::compute);
  }

  /**
   * Applies events of the {@code hot} subscription, in their order, in the consumer's transaction:
   * with one DELETE and one INSERT IGNORE, sent at once. Per signal, what the events do one after
   * the other is what its last removal (if any) and the first addition after it do.
   */
  Future<Void> apply(SqlConnection conn, List<DomainEvent> events) {
    long oldest = System.currentTimeMillis() - WINDOW_MS;
    Set<String> removed = new LinkedHashSet<>();
    Map<String, List<Object>> added = new LinkedHashMap<>();
    for (DomainEvent event : events) {
      JsonObject p = event.payload();
      switch (event.type()) {
        case FavoriteEvents.LIKED -> add(added, likeKey(p), p.getLong("video_id"), LIKE_WEIGHT, event.occurredAt(), oldest);
        case FavoriteEvents.UNLIKED -> remove(removed, added, likeKey(p));
        case CommentEvents.POSTED -> add(added, commentKey(p), p.getLong("video_id"), COMMENT_WEIGHT, event.occurredAt(), oldest);
        case CommentEvents.DELETED -> remove(removed, added, commentKey(p));
        default -> { }
      }
    }
    Future<?> deleted = removed.isEmpty() ? Future.succeededFuture()
        : db.query(conn, "DELETE FROM hot_signals WHERE signal_key IN " + Database.placeholders(removed.size()), Database.tuple(removed));
    if (added.isEmpty()) {
      return deleted.mapEmpty();
    }
    Tuple rows = Tuple.tuple();
    added.values().forEach(row -> row.forEach(rows::addValue));
    return Future.all(deleted, db.query(conn, "INSERT IGNORE INTO hot_signals (signal_key, video_id, weight, created_at) VALUES "
        + Database.values(added.size(), 4), rows)).mapEmpty();
  }

  /** The ids of ranks {@code offset} to {@code offset + limit - 1}, best first. */
  Future<List<Long>> page(int offset, int limit) {
    return ranking.get(System.currentTimeMillis())
        .map(ids -> offset >= ids.size() ? List.<Long>of() : ids.subList(offset, Math.min(ids.size(), offset + limit)));
  }

  private Future<List<Long>> compute(long now) {
    if (now - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = now;
      db.query("DELETE FROM hot_signals WHERE created_at < ?", Tuple.of(now - WINDOW_MS));
    }
    return db.query("SELECT video_id, SUM(weight * EXP((created_at - ?) / ?)) AS score FROM hot_signals "
            + "WHERE created_at >= ? GROUP BY video_id ORDER BY score DESC, video_id DESC LIMIT " + RANKED,
        Tuple.of(now, tauMs, now - WINDOW_MS)).map(rows -> {
          List<Long> ids = new ArrayList<>(rows.size());
          for (Row row : rows) {
            ids.add(row.getLong("video_id"));
          }
          return List.copyOf(ids);
        });
  }

  /** A signal added, unless it was added since its last removal in the batch, or is older than the window. */
  private static void add(Map<String, List<Object>> added, String key, long videoId, int weight, long at, long oldest) {
    if (at >= oldest) {
      added.putIfAbsent(key, List.of(key, videoId, weight, at));
    }
  }

  /** A signal removed: deleted, and an addition before it in the batch undone. */
  private static void remove(Set<String> removed, Map<String, List<Object>> added, String key) {
    removed.add(key);
    added.remove(key);
  }

  private static String likeKey(JsonObject p) {
    return "like:" + p.getLong("user_id") + ":" + p.getLong("video_id");
  }

  private static String commentKey(JsonObject p) {
    return "comment:" + p.getLong("comment_id");
  }
}
