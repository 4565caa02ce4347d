package verticles.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import verticles.common.db.Database;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The outbox table: domains add their events inside the transaction of the write ({@link #record}),
 * the relay reads them in id order and deletes what was delivered.
 */
public final class Outbox {
  private final Database db;

  Outbox(Database db) {
    this.db = db;
  }

  /** Adds {@code event} to the outbox in the transaction of {@code conn}: it is sent if and only if that commits. */
  public static Future<Void> record(Database db, SqlConnection conn, DomainEvent event) {
    return db.query(conn, "INSERT INTO outbox (event_id, event_type, order_key, payload, created_at) VALUES (?, ?, ?, ?, ?)",
        Tuple.of(event.id(), event.type(), event.key(), event.payload().encode(), event.occurredAt())).mapEmpty();
  }

  /**
   * Adds {@code event} to the outbox in the transaction of {@code conn} right behind {@code locking},
   * the statements already sent on {@code conn} that lock the rows the event's order key serialises
   * on. The insert is sent at once, without waiting for their answers: a connection runs its
   * statements in the order they were sent, so it still runs after them, and the write does not
   * wait one more round trip for its event.
   */
  public static Future<Void> recordBehind(Database db, SqlConnection conn, Future<?> locking, DomainEvent event) {
    return Future.all(locking, record(db, conn, event)).mapEmpty();
  }

  /** A row of the outbox: its position and its event. */
  record Pending(long position, DomainEvent event) {
  }

  /** The oldest {@code limit} events not yet delivered, in id order, but those at the positions {@code skipped}. */
  Future<List<Pending>> oldest(int limit, Set<Long> skipped) {
    Set<Long> skip = Set.copyOf(skipped);
    return db.query("SELECT id, event_id, event_type, order_key, payload, created_at FROM outbox ORDER BY id LIMIT ?",
        Tuple.of(limit + skip.size())).map(rows -> {
          List<Pending> pending = new ArrayList<>(rows.size());
          for (Row r : rows) {
            if (pending.size() == limit) {
              break;
            }
            if (skip.contains(r.getLong("id"))) {
              continue;
            }
            pending.add(new Pending(r.getLong("id"), new DomainEvent(r.getString("event_id"), r.getString("event_type"),
                r.getString("order_key"), r.getLong("created_at"), new JsonObject(r.getString("payload")))));
          }
          return pending;
        });
  }

  /** Removes delivered rows, by their exact ids (a lower id may still commit after a higher one). */
  Future<Void> delete(List<Pending> delivered) {
    if (delivered.isEmpty()) {
      return Future.succeededFuture();
    }
    return db.query("DELETE FROM outbox WHERE id IN " + Database.placeholders(delivered.size()),
        Database.tuple(delivered.stream().map(Pending::position).toList())).mapEmpty();
  }

  /** How many events wait, and since when (ms, 0 when none). */
  Future<JsonObject> backlog() {
    return db.query("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox", Tuple.tuple()).map(rows -> {
      Row row = rows.iterator().next();
      Long oldest = row.getLong("oldest");
      return new JsonObject().put("backlog", row.getLong("n")).put("oldest_at", oldest == null ? 0L : oldest);
    });
  }
}
