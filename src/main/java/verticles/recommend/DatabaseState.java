package verticles.recommend;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import verticles.common.db.Database;
import verticles.events.DomainEvent;
import verticles.favorite.FavoriteEvents;
import verticles.relation.RelationEvents;
import verticles.video.VideoEvents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The recommend domain's state in its own tables ({@code rec_*}, docs/schema.md). A batch of
 * events is folded in memory first (per like and per follow, what the events do one after the
 * other is what the last of them does; counts and co-likes add up), then written with a few
 * statements sent at once. A page's reads leave out the viewer's likes in SQL; impressions that
 * come while one is being written are written together next.
 */
final class DatabaseState implements RecommendState {
  /** Follows read per viewer: the authors whose new videos are candidates. */
  static final int FOLLOWEES = 500;
  /** Impression rows (pages) read per viewer: a day of heavy scrolling. */
  static final int SHOWN_PAGES = 200;
  private static final long PRUNE_EVERY_MS = TimeUnit.MINUTES.toMillis(1);

  /** A condition on the column {@code %s}: a video the viewer (the last argument) does not like. */
  private static final String NOT_LIKED = "NOT EXISTS (SELECT 1 FROM rec_likes l WHERE l.video_id = %s AND l.user_id = ?)";

  private final Database db;
  private volatile long prunedAt;
  /** Impressions waiting for the insert in progress to finish ({@link #writeWaiting}); guarded by this. */
  private final List<Impression> waiting = new ArrayList<>();
  private boolean writing;

  /** A page shown to a viewer, to be recorded. */
  private record Impression(long viewerId, long servedAt, String videoIds, Promise<Void> recorded) {
  }

  DatabaseState(Database db) {
    this.db = db;
  }

  /** Two ids: a like (user, video), a follow (follower, followee) or a co-like (video, other video). */
  private record Pair(long a, long b) {
  }

  @Override
  public Future<Void> apply(SqlConnection conn, List<DomainEvent> events) {
    Set<Long> likers = new LinkedHashSet<>();
    events.stream().filter(e -> e.type().startsWith("favorite.")).forEach(e -> likers.add(e.payload().getLong("user_id")));
    Future<Map<Long, List<Long>>> recent = likers.isEmpty() ? Future.succeededFuture(Map.of())
        : db.query(conn, "SELECT user_id, recent_likes FROM rec_users WHERE user_id IN " + Database.placeholders(likers.size()),
            Database.tuple(likers)).map(rows -> {
              Map<Long, List<Long>> byUser = new HashMap<>();
              rows.forEach(row -> byUser.put(row.getLong("user_id"), IdList.decode(row.getString("recent_likes"))));
              return byUser;
            });
    return recent.compose(known -> write(conn, events, likers, new HashMap<>(known)));
  }

  private Future<Void> write(SqlConnection conn, List<DomainEvent> events, Set<Long> likers, Map<Long, List<Long>> recent) {
    Map<Long, List<Object>> videos = new LinkedHashMap<>();
    Map<Pair, Long> likes = new LinkedHashMap<>();
    Map<Long, Long> likeCounts = new LinkedHashMap<>();
    Map<Pair, Long> colikes = new LinkedHashMap<>();
    Map<Pair, Boolean> follows = new LinkedHashMap<>();
    for (DomainEvent event : events) {
      JsonObject p = event.payload();
      switch (event.type()) {
        case VideoEvents.PUBLISHED -> videos.putIfAbsent(p.getLong("video_id"),
            List.of(p.getLong("video_id"), p.getLong("author_id"), event.occurredAt()));
        case FavoriteEvents.LIKED -> {
          long user = p.getLong("user_id");
          long video = p.getLong("video_id");
          List<Long> before = recent.getOrDefault(user, List.of());
          for (long other : CoLikes.pairedWith(before, video)) {
            colikes.merge(new Pair(video, other), 1L, Long::sum);
            colikes.merge(new Pair(other, video), 1L, Long::sum);
          }
          recent.put(user, CoLikes.afterLike(before, video));
          likes.put(new Pair(user, video), event.occurredAt());
          likeCounts.merge(video, 1L, Long::sum);
        }
        case FavoriteEvents.UNLIKED -> {
          long user = p.getLong("user_id");
          long video = p.getLong("video_id");
          recent.put(user, CoLikes.afterUnlike(recent.getOrDefault(user, List.of()), video));
          likes.put(new Pair(user, video), null);
          likeCounts.merge(video, -1L, Long::sum);
        }
        case RelationEvents.FOLLOWED -> follows.put(new Pair(p.getLong("follower_id"), p.getLong("followee_id")), true);
        case RelationEvents.UNFOLLOWED -> follows.put(new Pair(p.getLong("follower_id"), p.getLong("followee_id")), false);
        default -> { }
      }
    }
    List<Future<?>> writes = new ArrayList<>();
    if (!videos.isEmpty()) {
      Tuple rows = Tuple.tuple();
      videos.values().forEach(row -> row.forEach(rows::addValue));
      writes.add(db.query(conn, "INSERT IGNORE INTO rec_videos (video_id, author_id, created_at) VALUES "
          + Database.values(videos.size(), 3), rows));
    }
    likeCounts.forEach((video, delta) -> writes.add(db.query(conn,
        "UPDATE rec_videos SET like_count = like_count + ? WHERE video_id = ?", Tuple.of(delta, video))));
    List<Object> added = new ArrayList<>();
    likes.forEach((pair, at) -> {
      if (at == null) {
        writes.add(db.query(conn, "DELETE FROM rec_likes WHERE user_id = ? AND video_id = ?", Tuple.of(pair.a(), pair.b())));
      } else {
        added.addAll(List.of(pair.a(), pair.b(), at));
      }
    });
    if (!added.isEmpty()) {
      writes.add(db.query(conn, "INSERT IGNORE INTO rec_likes (user_id, video_id, created_at) VALUES "
          + Database.values(added.size() / 3, 3), Database.tuple(added)));
    }
    for (long user : likers) {
      String list = IdList.encode(recent.get(user));
      writes.add(db.query(conn, "INSERT INTO rec_users (user_id, recent_likes) VALUES (?, ?) "
          + "ON DUPLICATE KEY UPDATE recent_likes = ?", Tuple.of(user, list, list)));
    }
    if (!colikes.isEmpty()) {
      Tuple rows = Tuple.tuple();
      colikes.forEach((pair, weight) -> rows.addValue(pair.a()).addValue(pair.b()).addValue(weight));
      writes.add(db.query(conn, "INSERT INTO rec_colikes (video_id, other_id, weight) VALUES "
          + Database.values(colikes.size(), 3) + " ON DUPLICATE KEY UPDATE weight = weight + VALUES(weight)", rows));
    }
    List<Object> followed = new ArrayList<>();
    follows.forEach((pair, stands) -> {
      if (stands) {
        followed.addAll(List.of(pair.a(), pair.b()));
      } else {
        writes.add(db.query(conn, "DELETE FROM rec_follows WHERE follower_id = ? AND followee_id = ?",
            Tuple.of(pair.a(), pair.b())));
      }
    });
    if (!followed.isEmpty()) {
      writes.add(db.query(conn, "INSERT IGNORE INTO rec_follows (follower_id, followee_id) VALUES "
          + Database.values(followed.size() / 2, 2), Database.tuple(followed)));
    }
    return Future.all(writes).mapEmpty();
  }

  @Override
  public Future<Viewer> viewer(long viewerId, long shownSince) {
    Tuple viewer = Tuple.of(viewerId);
    Future<RowSet<Row>> recent = db.query("SELECT recent_likes FROM rec_users WHERE user_id = ?", viewer);
    Future<RowSet<Row>> followees = db.query("SELECT followee_id FROM rec_follows WHERE follower_id = ? LIMIT " + FOLLOWEES, viewer);
    Future<RowSet<Row>> shown = db.query("SELECT video_ids FROM rec_impressions WHERE viewer_id = ? AND served_at >= ? "
        + "ORDER BY served_at DESC LIMIT " + SHOWN_PAGES, Tuple.of(viewerId, shownSince));
    return Future.all(recent, followees, shown).map(done -> {
      List<Long> likes = List.of();
      for (Row row : recent.result()) {
        likes = IdList.decode(row.getString("recent_likes"));
      }
      List<Long> authors = new ArrayList<>();
      followees.result().forEach(row -> authors.add(row.getLong("followee_id")));
      Set<Long> seen = new HashSet<>();
      shown.result().forEach(row -> seen.addAll(IdList.decode(row.getString("video_ids"))));
      return new Viewer(likes, authors, seen);
    });
  }

  @Override
  public Future<CoLiked> coLiked(long viewerId, List<Long> videoIds, int limit) {
    if (videoIds.isEmpty()) {
      return Future.succeededFuture(CoLiked.NONE);
    }
    Tuple args = Database.tuple(videoIds).addValue(viewerId);
    return db.query("SELECT c.other_id, SUM(c.weight) AS weight, v.author_id, v.created_at FROM rec_colikes c "
        + "JOIN rec_videos v ON v.video_id = c.other_id WHERE c.video_id IN " + Database.placeholders(videoIds.size())
        + " AND " + NOT_LIKED.formatted("c.other_id") + " GROUP BY c.other_id, v.author_id, v.created_at "
        + "ORDER BY weight DESC, c.other_id DESC LIMIT " + limit, args).map(rows -> {
          Map<Long, Double> weights = new LinkedHashMap<>();
          List<Ranker.Video> videos = new ArrayList<>(rows.size());
          rows.forEach(row -> {
            weights.put(row.getLong("other_id"), row.getLong("weight").doubleValue());
            videos.add(new Ranker.Video(row.getLong("other_id"), row.getLong("author_id"), row.getLong("created_at")));
          });
          return new CoLiked(weights, videos);
        });
  }

  @Override
  public Future<List<Ranker.Video>> byAuthors(long viewerId, Collection<Long> authors, long since, int limit) {
    if (authors.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Tuple args = Database.tuple(authors).addValue(since).addValue(viewerId);
    return db.query("SELECT video_id, author_id, created_at FROM rec_videos WHERE author_id IN "
        + Database.placeholders(authors.size()) + " AND created_at >= ? AND " + NOT_LIKED.formatted("rec_videos.video_id")
        + " ORDER BY created_at DESC LIMIT " + limit, args)
        .map(DatabaseState::videos);
  }

  @Override
  public Future<List<Ranker.Video>> newest(int limit) {
    return db.query("SELECT video_id, author_id, created_at FROM rec_videos ORDER BY created_at DESC LIMIT " + limit,
        Tuple.tuple()).map(DatabaseState::videos);
  }

  @Override
  public Future<Set<Long>> liked(long viewerId, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    Tuple args = Tuple.of(viewerId);
    ids.forEach(args::addValue);
    return db.query("SELECT video_id FROM " + db.byPrimaryKey("rec_likes") + " WHERE user_id = ? AND video_id IN "
        + Database.placeholders(ids.size()), args).map(rows -> {
          Set<Long> liked = new HashSet<>();
          rows.forEach(row -> liked.add(row.getLong("video_id")));
          return liked;
        });
  }

  @Override
  public Future<Void> served(long viewerId, List<Long> ids, long now, long forgetBefore) {
    if (now - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = now;
      db.query("DELETE FROM rec_impressions WHERE served_at < ?", Tuple.of(forgetBefore));
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    Impression impression = new Impression(viewerId, now, IdList.encode(ids), Promise.promise());
    boolean write;
    synchronized (this) {
      waiting.add(impression);
      write = !writing;
      writing = true;
    }
    if (write) {
      writeWaiting();
    }
    return impression.recorded().future();
  }

  /**
   * Writes every impression waiting, in one statement; when it is done, those that came meanwhile.
   * Each page's impression is durable before its promise completes (and so before the page is
   * answered), yet under load one insert carries many pages.
   */
  private void writeWaiting() {
    List<Impression> batch;
    synchronized (this) {
      if (waiting.isEmpty()) {
        writing = false;
        return;
      }
      batch = List.copyOf(waiting);
      waiting.clear();
    }
    Tuple rows = Tuple.tuple();
    batch.forEach(i -> rows.addValue(i.viewerId()).addValue(i.servedAt()).addValue(i.videoIds()));
    db.query("INSERT INTO rec_impressions (viewer_id, served_at, video_ids) VALUES " + Database.values(batch.size(), 3), rows)
        .onComplete(done -> {
          batch.forEach(i -> i.recorded().handle(done.mapEmpty()));
          writeWaiting();
        });
  }

  private static List<Ranker.Video> videos(RowSet<Row> rows) {
    List<Ranker.Video> videos = new ArrayList<>(rows.size());
    rows.forEach(row -> videos.add(new Ranker.Video(row.getLong("video_id"), row.getLong("author_id"), row.getLong("created_at"))));
    return videos;
  }
}
