package verticles.favorite;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import verticles.common.Page;
import verticles.common.PageRequest;
import verticles.common.cache.CounterCache;
import verticles.common.db.CounterSlots;
import verticles.common.db.Database;
import verticles.common.db.Keyset;
import verticles.events.Outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQL for likes and their counters. A like row and the three counters it moves (the video's
 * favorite_count, the liker's favorite_count, the author's total_favorited) change in one
 * transaction, and only when the row was really inserted or deleted: the primary key
 * (user_id, video_id) makes repeated likes and unlikes no-ops. The counters are kept in
 * {@link CounterSlots}: a like of a hot counter moves the liker's slot of it, so the likes of thousands of users
 * on one hot video (or on one big V's videos) do not queue on one row lock. Counter rows are
 * always locked in the same order (the video's, then users' by ascending id) so concurrent likes
 * do not deadlock each other; the deadlocks that remain possible are retried by
 * {@link Database#transaction}. A like or unlike that changed something records its event in the
 * outbox in the same transaction, after its like row and counter rows are locked, so the events of
 * one like (user, video) and of one liker are in commit order.
 */
final class FavoriteRepository {
  private static final String VIDEO_STATS = "favorite_video_stats";
  private static final String USER_STATS = "favorite_user_stats";
  private final Database db;
  private final CounterSlots videoCounters = new CounterSlots();
  private final CounterSlots userCounters = new CounterSlots();
  private final CounterCache cached;

  FavoriteRepository(Database db, CounterCache cached) {
    this.db = db;
    this.cached = cached;
  }

  /** Records a like; false when it was already there (nothing changes then). */
  Future<Boolean> like(long userId, long videoId, long authorId, long now) {
    // INSERT IGNORE (MariaDB, and H2 in MySQL mode) inserts nothing for an existing like, without
    // failing the transaction: a failure inside it must mean something went wrong.
    return cached.afterWrite(db.transaction(conn -> db.query(conn,
            "INSERT IGNORE INTO favorites (user_id, video_id, author_id, created_at) VALUES (?, ?, ?, ?)",
            Tuple.of(userId, videoId, authorId, now))
        .compose(inserted -> inserted.rowCount() == 0
            ? Future.succeededFuture(false)
            : Outbox.recordBehind(db, conn, count(conn, userId, videoId, authorId, 1),
                FavoriteEvents.of(FavoriteEvents.LIKED, userId, videoId, authorId)).map(true))),
        changed -> moved(changed, userId, videoId, authorId));
  }

  /** Removes a like; false when there was none (nothing changes then). */
  Future<Boolean> unlike(long userId, long videoId, long authorId) {
    return cached.afterWrite(db.transaction(conn -> db.query(conn, "DELETE FROM favorites WHERE user_id = ? AND video_id = ?",
            Tuple.of(userId, videoId))
        .compose(deleted -> deleted.rowCount() == 0
            ? Future.succeededFuture(false)
            : Outbox.recordBehind(db, conn, count(conn, userId, videoId, authorId, -1),
                FavoriteEvents.of(FavoriteEvents.UNLIKED, userId, videoId, authorId)).map(true))),
        changed -> moved(changed, userId, videoId, authorId));
  }

  /** The cached counters a like or unlike moved: none when nothing changed. */
  private static List<CounterCache.Moved> moved(boolean changed, long userId, long videoId, long authorId) {
    return changed ? List.of(new CounterCache.Moved(VIDEO_STATS, "favorite_count", videoId),
        new CounterCache.Moved(USER_STATS, "favorite_count", userId),
        new CounterCache.Moved(USER_STATS, "total_favorited", authorId)) : List.of();
  }

  /**
   * Moves the three counters of one like by {@code delta}, each in its slot for the liker: the
   * video's row first, then users' by ascending id. The statements are sent at once (the
   * connection runs them in that order).
   */
  private Future<Void> count(SqlConnection conn, long userId, long videoId, long authorId, int delta) {
    long now = System.currentTimeMillis();
    List<Future<?>> statements = new ArrayList<>();
    statements.add(db.query(conn, "INSERT INTO favorite_video_stats (video_id, slot, favorite_count) VALUES (?, ?, ?) "
        + "ON DUPLICATE KEY UPDATE favorite_count = favorite_count + ?",
        Tuple.of(videoId, videoCounters.slot(videoId, userId, now), delta, delta)));
    // Per user id, ascending: {likes given, likes received}; one row when users like their own video.
    Map<Long, int[]> users = new TreeMap<>();
    users.computeIfAbsent(userId, id -> new int[2])[0] += delta;
    users.computeIfAbsent(authorId, id -> new int[2])[1] += delta;
    for (Map.Entry<Long, int[]> user : users.entrySet()) {
      int given = user.getValue()[0];
      int received = user.getValue()[1];
      statements.add(db.query(conn,
          "INSERT INTO favorite_user_stats (user_id, slot, favorite_count, total_favorited) VALUES (?, ?, ?, ?) "
              + "ON DUPLICATE KEY UPDATE favorite_count = favorite_count + ?, total_favorited = total_favorited + ?",
          Tuple.of(user.getKey(), userCounters.slot(user.getKey(), userId, now), given, received, given, received)));
    }
    return Future.all(statements).mapEmpty();
  }

  /** A page of the videos a user liked, newest like first. */
  Future<Page<Long>> videosLikedBy(long userId, PageRequest page) {
    return Keyset.page(db, "", "favorites WHERE user_id = ?", Tuple.of(userId), "created_at", "video_id", page,
        row -> row.getLong("page_id"));
  }

  /** Per video: favorite_count, and is_favorite for {@code viewerId} (0: nobody). Videos with neither are left out. */
  Future<List<JsonObject>> videoStats(List<Long> videoIds, long viewerId) {
    if (videoIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Future<Map<Long, JsonObject>> counts = cached.sums(VIDEO_STATS, "video_id", videoIds,
        "favorite_count").map(rows -> {
          Map<Long, JsonObject> stats = new LinkedHashMap<>();
          rows.forEach(r -> stats.put(r.getLong("video_id"), r.put("is_favorite", false)));
          return stats;
        });
    if (viewerId == 0) {
      return counts.map(stats -> new ArrayList<>(stats.values()));
    }
    List<Object> args = new ArrayList<>(videoIds);
    args.add(0, viewerId);
    Future<List<Long>> liked = db.query("SELECT video_id FROM " + db.byPrimaryKey("favorites")
        + " WHERE user_id = ? AND video_id IN " + Database.placeholders(videoIds.size()), Database.tuple(args))
        .map(FavoriteRepository::videoIds);
    return Future.all(counts, liked).map(done -> {
      Map<Long, JsonObject> stats = counts.result();
      liked.result().forEach(id -> stats.computeIfAbsent(id, FavoriteRepository::videoStat).put("is_favorite", true));
      return new ArrayList<>(stats.values());
    });
  }

  /** Per user: likes given (favorite_count) and received on all their videos (total_favorited). */
  Future<List<JsonObject>> userStats(List<Long> userIds) {
    return cached.sums(USER_STATS, "user_id", userIds, "favorite_count", "total_favorited");
  }

  private static List<Long> videoIds(RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>(rows.size());
    rows.forEach(r -> ids.add(r.getLong("video_id")));
    return ids;
  }

  private static JsonObject videoStat(long videoId) {
    return new JsonObject().put("video_id", videoId).put("favorite_count", 0L).put("is_favorite", false);
  }
}
