package verticles.relation;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQL for {@code follows} and {@code relation_user_stats}. A follow row and the two counters it
 * moves change in one transaction; the primary key of {@code follows} decides whether anything
 * changes at all, so a repeated or concurrent duplicate follow counts once and an unfollow of
 * nothing changes nothing (so a count never goes below zero). The counters are kept in
 * {@link CounterSlots}: a follow of a hot counter moves the follower's slot of it, so thousands of users
 * following one big V at once do not queue on one row lock. Counter rows are touched in ascending
 * user id order (no deadlock between A→B and B→A). A follow or unfollow that changed something
 * records its event in the outbox in the same transaction, after its follow row and both counter
 * rows are locked.
 */
final class RelationRepository {
  private static final String STATS = "relation_user_stats";
  private final Database db;
  private final CounterSlots counters = new CounterSlots();
  private final CounterCache cached;

  RelationRepository(Database db, CounterCache cached) {
    this.db = db;
    this.cached = cached;
  }

  /** Adds the follow; true when it is new (and the counts moved). */
  Future<Boolean> follow(long follower, long followee, long now) {
    return cached.afterWrite(db.transaction(conn -> db.query(conn,
            "INSERT IGNORE INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)",
            Tuple.of(follower, followee, now))
        .compose(rows -> rows.rowCount() == 0
            ? Future.succeededFuture(false)
            : Outbox.recordBehind(db, conn, moveCounts(conn, follower, followee, 1),
                RelationEvents.of(RelationEvents.FOLLOWED, follower, followee)).map(true))),
        changed -> moved(changed, follower, followee));
  }

  /** Removes the follow; true when there was one (and the counts moved). */
  Future<Boolean> unfollow(long follower, long followee) {
    return cached.afterWrite(db.transaction(conn -> db.query(conn,
            "DELETE FROM follows WHERE follower_id = ? AND followee_id = ?", Tuple.of(follower, followee))
        .compose(rows -> rows.rowCount() == 0
            ? Future.succeededFuture(false)
            : Outbox.recordBehind(db, conn, moveCounts(conn, follower, followee, -1),
                RelationEvents.of(RelationEvents.UNFOLLOWED, follower, followee)).map(true))),
        changed -> moved(changed, follower, followee));
  }

  /** The cached counters a follow or unfollow moved: none when nothing changed. */
  private static List<CounterCache.Moved> moved(boolean changed, long follower, long followee) {
    return changed ? List.of(new CounterCache.Moved(STATS, "follow_count", follower),
        new CounterCache.Moved(STATS, "follower_count", followee)) : List.of();
  }

  /**
   * Moves both users' counters, each in its slot for the follower, the lower id's row first; both
   * statements are sent at once (run in that order).
   */
  private Future<Void> moveCounts(SqlConnection conn, long follower, long followee, int delta) {
    long now = System.currentTimeMillis();
    Future<RowSet<Row>> first = follower < followee
        ? counter(conn, follower, follower, "follow_count", delta, now)
        : counter(conn, followee, follower, "follower_count", delta, now);
    Future<RowSet<Row>> second = follower < followee
        ? counter(conn, followee, follower, "follower_count", delta, now)
        : counter(conn, follower, follower, "follow_count", delta, now);
    return Future.all(first, second).mapEmpty();
  }

  private Future<RowSet<Row>> counter(SqlConnection conn, long user, long follower, String column, int delta, long now) {
    return db.query(conn, "INSERT INTO relation_user_stats (user_id, slot, " + column + ") VALUES (?, ?, ?) "
        + "ON DUPLICATE KEY UPDATE " + column + " = " + column + " + ?",
        Tuple.of(user, counters.slot(user, follower, now), delta, delta));
  }

  /** A page of whom {@code user} follows, newest follow first. */
  Future<Page<Long>> following(long user, PageRequest page) {
    return ids("follows WHERE follower_id = ?", user, "created_at", "followee_id", page);
  }

  /** A page of who follows {@code user}, newest follow first. */
  Future<Page<Long>> followers(long user, PageRequest page) {
    return ids("follows WHERE followee_id = ?", user, "created_at", "follower_id", page);
  }

  /** A page of the users {@code user} follows who follow back, newest follow of {@code user}'s first. */
  Future<Page<Long>> friends(long user, PageRequest page) {
    return ids("follows f JOIN follows b ON b.follower_id = f.followee_id AND b.followee_id = f.follower_id "
        + "WHERE f.follower_id = ?", user, "f.created_at", "f.followee_id", page);
  }

  /** Counts for every id (zeros when none) and {@code is_follow} for {@code viewer} (0 = nobody). */
  Future<List<JsonObject>> stats(List<Long> users, long viewer) {
    if (users.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Future<List<JsonObject>> counts = cached.sums(STATS, "user_id", users,
        "follow_count", "follower_count");
    Future<Set<Long>> followed = viewer == 0 ? Future.succeededFuture(Set.of()) : followedAmong(viewer, users);
    return Future.all(counts, followed).map(done -> {
      Map<Long, JsonObject> stats = new LinkedHashMap<>();
      users.forEach(id -> stats.put(id, new JsonObject().put("user_id", id)
          .put("follow_count", 0L).put("follower_count", 0L).put("is_follow", followed.result().contains(id))));
      counts.result().forEach(row -> stats.get(row.getLong("user_id")).mergeIn(row));
      return new ArrayList<>(stats.values());
    });
  }

  private Future<Set<Long>> followedAmong(long viewer, List<Long> users) {
    Tuple args = Tuple.of(viewer);
    users.forEach(args::addValue);
    return db.query("SELECT followee_id FROM " + db.byPrimaryKey("follows")
        + " WHERE follower_id = ? AND followee_id IN " + Database.placeholders(users.size()), args).map(rows -> {
          Set<Long> found = new HashSet<>();
          rows.forEach(row -> found.add(row.getLong("followee_id")));
          return found;
        });
  }

  private Future<Page<Long>> ids(String fromWhere, long user, String time, String id, PageRequest page) {
    return Keyset.page(db, "", fromWhere, Tuple.of(user), time, id, page, row -> row.getLong("page_id"));
  }

}
