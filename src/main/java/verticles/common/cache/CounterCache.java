package verticles.common.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import verticles.common.db.CounterSlots;
import verticles.common.db.Database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Counters kept in {@link CounterSlots} rows, read through Redis (docs/caching.md). The database
 * stays the source of truth; Redis holds one key per counter,
 * {@code <prefix>:<generation>:n:<table>:<column>:<id>}, as a decimal number.
 *
 * <ul>
 *   <li>A read takes what Redis has (one MGET) and sums the rows of the rest in the database,
 *   one load per row in flight per instance (single-flight: concurrent readers of a cold row wait
 *   for the same load).</li>
 *   <li>A load first marks each key with a token of its own ({@code SET NX}), then reads the
 *   database, then stores the value only if its token is still there ({@link #FILL}); a write that
 *   committed meanwhile removed the token, so a value read before a write is never stored after it.</li>
 *   <li>After a write commits, the keys of the counters it moved are deleted ({@link #invalidate}),
 *   and rebuilt from the database on their next read. (Adding the write's delta instead would
 *   count it twice when a load read the database after the commit and stored its value before
 *   the delta arrived.) When Redis cannot be reached, the write is acknowledged only after a
 *   {@link GenerationLease#fence fence}.</li>
 *   <li>Values live {@link #TTL_MS} with ±20 % jitter; counters of ids that do not exist are
 *   cached as 0 like any other (a miss costs one load per lifetime).</li>
 * </ul>
 *
 * <p>Without Redis, or without a valid lease, reads go to the database and writes skip Redis.
 * One instance per verticle instance, used from its event loop.
 */
public final class CounterCache {
  static final long TTL_MS = 10 * 60 * 1000;
  /** How long a load's token stands in for the value: longer than any load takes. */
  static final long TOKEN_MS = 5_000;
  private static final String TOKEN = "~";
  /** Stores the value if the key still holds this load's token. */
  static final String FILL = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
      + "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";
  /** One counter a write moved: {@code column} of {@code table}'s row {@code id}. */
  public record Moved(String table, String column, long id) {
  }

  private final RedisCache redis;
  private final GenerationLease lease;
  private final Database db;
  /** Loads in flight, by table and row id. */
  private final Map<String, Future<JsonObject>> loading = new HashMap<>();

  private CounterCache(RedisCache redis, GenerationLease lease, Database db) {
    this.redis = redis;
    this.lease = lease;
    this.db = db;
  }

  /** The counters of a domain verticle instance over {@code redis} (which it closes with {@link #close}). */
  public static Future<CounterCache> start(Vertx vertx, RedisCache redis, Database db) {
    GenerationLease lease = new GenerationLease(vertx, "vertok.cache.generation." + redis.prefix());
    CounterCache counters = new CounterCache(redis, lease, db);
    return redis.enabled() ? lease.start().map(counters) : Future.succeededFuture(counters);
  }

  /**
   * As {@link CounterSlots#sums}: per id, {@code key} and the sum of each of {@code columns}. Ids
   * with no rows may be left out or answered with zeros.
   */
  public Future<List<JsonObject>> sums(String table, String key, List<Long> ids, String... columns) {
    long generation = lease.generation();
    if (ids.isEmpty() || !redis.enabled() || generation < 0) {
      return CounterSlots.sums(db, table, key, ids, columns);
    }
    Request get = Request.cmd(Command.MGET);
    for (Long id : ids) {
      for (String column : columns) {
        get.arg(counterKey(generation, table, column, id));
      }
    }
    return redis.send(get).compose(values -> {
      Map<Long, JsonObject> found = new LinkedHashMap<>();
      List<Long> missing = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        JsonObject row = new JsonObject().put(key, ids.get(i));
        for (int c = 0; c < columns.length && row != null; c++) {
          Long value = number(values.get(i * columns.length + c));
          row = value == null ? null : row.put(columns[c], value);
        }
        if (row == null) {
          missing.add(ids.get(i));
        } else {
          found.put(ids.get(i), row);
        }
      }
      return missing.isEmpty() ? Future.succeededFuture(found)
          : load(generation, table, key, missing, columns).map(loaded -> {
            found.putAll(loaded);
            return found;
          });
    }, e -> CounterSlots.sums(db, table, key, ids, columns).map(rows -> byId(key, rows)))
        .map(found -> ids.stream().map(found::get).filter(row -> row != null).toList());
  }

  /** The rows of {@code ids} from the database: joining loads in flight, starting one for the others. */
  private Future<Map<Long, JsonObject>> load(long generation, String table, String key, List<Long> ids, String[] columns) {
    if (!lease.fillable()) {
      return CounterSlots.sums(db, table, key, ids, columns).map(rows -> byId(key, rows));
    }
    Map<Long, Future<JsonObject>> rows = new LinkedHashMap<>();
    List<Long> fresh = new ArrayList<>();
    for (Long id : ids) {
      Future<JsonObject> inFlight = loading.get(table + ":" + id);
      if (inFlight != null) {
        rows.put(id, inFlight);
      } else {
        fresh.add(id);
      }
    }
    if (!fresh.isEmpty()) {
      Map<String, Future<JsonObject>> mine = new HashMap<>();
      // Readers join this load only until its database read is sent: one that arrives later may
      // come after a write acknowledged meanwhile, which that read may not see.
      Runnable reading = () -> mine.forEach((loadKey, row) -> loading.remove(loadKey, row));
      Future<Map<Long, JsonObject>> batch = loadFromDatabase(generation, table, key, fresh, columns, reading);
      for (Long id : fresh) {
        String loadKey = table + ":" + id;
        Future<JsonObject> row = batch.map(loaded -> loaded.getOrDefault(id, zeros(key, id, columns)));
        if (!batch.isComplete()) {
          loading.put(loadKey, row);
          mine.put(loadKey, row);
          row.onComplete(done -> loading.remove(loadKey, row));
        }
        rows.put(id, row);
      }
    }
    return Future.all(new ArrayList<>(rows.values())).map(done -> {
      Map<Long, JsonObject> result = new LinkedHashMap<>();
      // A copy each: readers that shared a load may add fields of their own.
      rows.forEach((id, row) -> result.put(id, row.result().copy()));
      return result;
    });
  }

  /** Marks the keys with a token, sums the rows, and stores the sums where the token is still there. */
  private Future<Map<Long, JsonObject>> loadFromDatabase(long generation, String table, String key, List<Long> ids,
                                                         String[] columns, Runnable reading) {
    String token = TOKEN + UUID.randomUUID();
    List<Request> marks = new ArrayList<>();
    for (Long id : ids) {
      for (String column : columns) {
        marks.add(Request.cmd(Command.SET).arg(counterKey(generation, table, column, id)).arg(token)
            .arg("NX").arg("PX").arg(TOKEN_MS));
      }
    }
    return redis.batch(marks).map(true).otherwise(false).compose(marked -> {
      reading.run();
      return CounterSlots.sums(db, table, key, ids, columns).map(rows -> byId(key, rows)).onSuccess(sums -> {
        if (marked) {
          fill(generation, table, key, ids, columns, token, sums);
        }
      });
    });
  }

  private void fill(long generation, String table, String key, List<Long> ids, String[] columns, String token,
                    Map<Long, JsonObject> sums) {
    List<Request> fills = new ArrayList<>();
    for (Long id : ids) {
      JsonObject row = sums.getOrDefault(id, zeros(key, id, columns));
      for (String column : columns) {
        fills.add(Request.cmd(Command.EVAL).arg(FILL).arg(1).arg(counterKey(generation, table, column, id))
            .arg(token).arg(row.getLong(column)).arg(jitteredTtl()));
      }
    }
    // A fill that fails leaves the token, which expires: the next read loads again.
    redis.batch(fills);
  }

  /**
   * Keeps the cached counters of {@code write} (a database transaction) true: once it committed,
   * {@link #invalidate invalidates} the counters {@code moved} names for its result; when it failed (it
   * may still have committed: the answer was lost), fences before passing the failure on.
   */
  public <T> Future<T> afterWrite(Future<T> write, Function<T, List<Moved>> moved) {
    if (!redis.enabled()) {
      return write;
    }
    return write.transform(done -> done.succeeded()
        ? invalidate(moved.apply(done.result()), System.nanoTime()).map(done.result())
        : lease.fence(System.nanoTime()).transform(fenced -> Future.<T>failedFuture(done.cause())));
  }

  /**
   * After a write committed ({@code committedAt}: {@link System#nanoTime} after the commit):
   * deletes the keys of the counters it moved (a load's token with them). Completes when that is
   * done, or, when Redis could not be reached, once a fence guarantees that no stale value of them
   * can be read.
   */
  Future<Void> invalidate(List<Moved> moved, long committedAt) {
    if (!redis.enabled() || moved.isEmpty()) {
      return Future.succeededFuture();
    }
    long generation = lease.generation();
    if (generation < 0) {
      return lease.fence(committedAt);
    }
    Request delete = Request.cmd(Command.DEL);
    moved.forEach(counter -> delete.arg(counterKey(generation, counter.table(), counter.column(), counter.id())));
    return redis.send(delete).<Void>mapEmpty().recover(e -> lease.fence(committedAt));
  }

  /** {@code <prefix>:<generation>:n:<table>:<column>:<id>}. */
  String counterKey(long generation, String table, String column, long id) {
    return redis.key(generation, "n", table, column, id);
  }

  public Future<Void> close() {
    lease.close();
    return redis.close();
  }

  private static Long number(Response value) {
    if (value == null) {
      return null;
    }
    String text = value.toString();
    return text.startsWith(TOKEN) ? null : Long.valueOf(text);
  }

  private static long jitteredTtl() {
    return (long) (TTL_MS * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
  }

  private static JsonObject zeros(String key, long id, String[] columns) {
    JsonObject row = new JsonObject().put(key, id);
    for (String column : columns) {
      row.put(column, 0L);
    }
    return row;
  }

  private static Map<Long, JsonObject> byId(String key, List<JsonObject> rows) {
    Map<Long, JsonObject> byId = new LinkedHashMap<>();
    rows.forEach(row -> byId.put(row.getLong(key), row));
    return byId;
  }
}
