package verticles.common.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import verticles.common.LruMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counters that thousands of writers may move at once (a hot video's likes, a big V's likes
 * received and followers), exact and without one hot row: a counter is up to {@value #SLOTS}
 * rows {@code (key, slot)} and its value is their sum. A write of a cold counter moves slot 0 (so
 * most counters are one row); a write of a hot one, written at least {@value #HOT_WRITES} times in
 * this second or the last by this instance, moves the slot of its actor ({@link #of}: the liker,
 * the follower), in the write's own transaction either way. Concurrent writers of a hot counter
 * lock different rows, so they commit side by side instead of queueing on one row lock; a read
 * sums the slots and sees every committed write, as with one row. Each slot is a part of the
 * count: only the sum means anything. One instance per table of a repository.
 */
public final class CounterSlots {
  /** Slots per hot counter. */
  public static final int SLOTS = 16;
  /** Writes of one counter per second (of this instance) from which it is hot. */
  static final int HOT_WRITES = 20;
  private static final int TRACKED = 10_000;

  /** Per key written lately: {second, writes in it, writes in the second before}. */
  private final Map<Long, long[]> recent = new LruMap<>(TRACKED);

  /** The slot an actor's write of the counter {@code key} moves, at {@code nowMs}: 0 while it is cold. */
  public synchronized int slot(long key, long actorId, long nowMs) {
    long second = nowMs / 1000;
    long[] writes = recent.computeIfAbsent(key, k -> new long[] {second, 0, 0});
    if (writes[0] != second) {
      writes[2] = writes[0] == second - 1 ? writes[1] : 0;
      writes[0] = second;
      writes[1] = 0;
    }
    writes[1]++;
    return Math.max(writes[1], writes[2]) >= HOT_WRITES ? of(actorId) : 0;
  }

  /** The slot of {@code actorId}'s writes of a hot counter: the same for all of one actor's writes. */
  static int of(long actorId) {
    return (int) Math.floorMod(actorId, (long) SLOTS);
  }

  /**
   * Per key among {@code ids} that has counter rows in {@code table}: the key and each of
   * {@code columns} summed over its slots. The rows are read as they are (one per cold counter,
   * the same statement as without slots: a range of the primary key {@code (key, slot)} per id)
   * and summed here: a GROUP BY costs the database more per statement than the few rows it saves.
   */
  public static Future<List<JsonObject>> sums(Database db, String table, String key, List<Long> ids, String... columns) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return db.longsIn("SELECT " + key + ", " + String.join(", ", columns) + " FROM " + table + " WHERE " + key + " IN",
        ids, Stream.concat(Stream.of(key), Stream.of(columns)).toArray(String[]::new)).map(rows -> {
          Map<Long, JsonObject> sums = new LinkedHashMap<>();
          for (JsonObject row : rows) {
            JsonObject sum = sums.putIfAbsent(row.getLong(key), row);
            if (sum != null) {
              for (String column : columns) {
                sum.put(column, sum.getLong(column) + row.getLong(column));
              }
            }
          }
          return new ArrayList<>(sums.values());
        });
  }
}
