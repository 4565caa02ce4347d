package verticles.common.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Counters that thousands of writers may move at once (a hot video's likes, a big V's likes
 * received and followers), exact and without one hot row: a counter is up to {@value #SLOTS}
 * rows {@code (key, slot)}, a write moves the slot of its actor ({@link #of}: the liker, the
 * follower) in its own transaction, and a read sums the slots. Concurrent writers of one counter
 * lock different rows, so they commit side by side instead of queueing on one row lock; a read
 * sees every committed write, as with one row. Each slot is a part of the count (the counts of
 * before the slots are whole in slot 0): only the sum means anything.
 */
public final class CounterSlots {
  /** Slots per counter: more than the pool's connections rarely meet on one slot. */
  public static final int SLOTS = 16;

  private CounterSlots() {
  }

  /** The slot a write by {@code actorId} moves: the same for all of one actor's writes. */
  public static int of(long actorId) {
    return (int) Math.floorMod(actorId, (long) SLOTS);
  }

  /**
   * Per key among {@code ids} that has counter rows in {@code table}: the key and each of
   * {@code columns} summed over its slots (a range of the primary key {@code (key, slot)} per id).
   */
  public static Future<List<JsonObject>> sums(Database db, String table, String key, List<Long> ids, String... columns) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String sums = Stream.of(columns).map(c -> "SUM(" + c + ") AS " + c).collect(Collectors.joining(", "));
    return db.query("SELECT " + key + ", " + sums + " FROM " + table + " WHERE " + key + " IN "
        + Database.placeholders(ids.size()) + " GROUP BY " + key, Database.tuple(ids))
        .map(rows -> Database.longColumns(rows, Stream.concat(Stream.of(key), Stream.of(columns)).toArray(String[]::new)));
  }
}
