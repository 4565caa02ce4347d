package verticles.events;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Failure;
import verticles.common.config.Config;
import verticles.common.db.Database;
import verticles.observability.NodeMetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A subscription's consumer, idempotent: events are applied in the same transaction as the rows
 * that say this consumer has applied them ({@code consumed_events}), so an event delivered twice
 * changes things once. A batch is applied in one transaction with a few multi-row statements (the
 * consumer keeps up with many writers). When the database is unavailable the batch is retried in
 * place, with growing pauses, for as long as that lasts (nothing is lost and order holds); when a
 * batch fails otherwise, its events are applied one by one, and one that still fails is tried
 * {@link #ATTEMPTS} times, then recorded in {@code dead_events} for operators and skipped.
 */
public final class EventConsumer {
  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
  static final int ATTEMPTS = 3;
  private static final long MAX_PAUSE_MS = 5000;
  /** A batch in which an event was applied before (it is applied again, checking first). */
  private static final VertxException SEEN = new VertxException("an event of the batch was applied before", true);

  /**
   * What a consumer does with events not applied before, in their order, inside the transaction of
   * {@code conn}. Its statements may be sent at once: the connection runs them in the order sent.
   */
  public interface Effect {
    Future<Void> apply(SqlConnection conn, List<DomainEvent> events);
  }

  private final Vertx vertx;
  private final Database db;
  private final Subscription subscription;
  private final Effect effect;
  private final EventTransport transport;
  private final Timer lag;

  private EventConsumer(Vertx vertx, Database db, Subscription subscription, Effect effect, EventTransport transport) {
    this.vertx = vertx;
    this.db = db;
    this.subscription = subscription;
    this.effect = effect;
    this.transport = transport;
    this.lag = NodeMetrics.of(vertx).eventLag(subscription.name());
  }

  /**
   * Starts consuming {@code subscription} on the calling verticle's context (a broker may come
   * later), with the database's background pool.
   */
  public static EventConsumer start(Vertx vertx, Config config, Database db, Subscription subscription, Effect effect) {
    EventTransport transport = EventTransport.create(vertx, config, "consumer-" + subscription.name());
    EventConsumer consumer = new EventConsumer(vertx, db.background(), subscription, effect, transport);
    transport.consume(subscription, consumer::handle);
    return consumer;
  }

  public Future<Void> close() {
    return transport.close();
  }

  private Future<Void> handle(List<DomainEvent> events) {
    return handle(events, 100);
  }

  private Future<Void> handle(List<DomainEvent> events, long pauseMs) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    return apply(events).recover(e -> {
      if (unavailable(e)) {
        return vertx.timer(pauseMs).compose(t -> handle(events, Math.min(pauseMs * 2, MAX_PAUSE_MS)));
      }
      Future<Void> oneByOne = Future.succeededFuture();
      for (DomainEvent event : events) {
        oneByOne = oneByOne.compose(v -> attempt(event, 1, 100));
      }
      return oneByOne;
    });
  }

  private static boolean unavailable(Throwable e) {
    return e instanceof Failure f && f.code() == 503;
  }

  private Future<Void> attempt(DomainEvent event, int attempt, long pauseMs) {
    return apply(List.of(event)).recover(e -> {
      if (!unavailable(e) && attempt >= ATTEMPTS) {
        return deadLetter(event, e);
      }
      if (attempt == 1) {
        log.warn("{} could not apply event {} ({}), retrying: {}", subscription.name(), event.id(), event.type(), e.toString());
      }
      return vertx.timer(pauseMs).compose(t -> attempt(event, attempt + 1, Math.min(pauseMs * 2, MAX_PAUSE_MS)));
    });
  }

  /**
   * Applies the events not applied before, in one transaction. Most batches are all new: they are
   * marked and applied at once, their statements sent together ({@link #applyNew}); a batch with an
   * event applied before is rolled back and applied again, checking first ({@link #applyUnseen}).
   */
  private Future<Void> apply(List<DomainEvent> events) {
    return db.transaction(conn -> applyNew(conn, events))
        .recover(e -> e == SEEN ? db.transaction(conn -> applyUnseen(conn, events)) : Future.failedFuture(e))
        .onSuccess(v -> {
          long now = System.currentTimeMillis();
          events.forEach(event -> lag.record(Math.max(0, now - event.occurredAt()), TimeUnit.MILLISECONDS));
        });
  }

  /** Marks and applies every event of {@code events}; fails with {@link #SEEN} when one was marked before. */
  private Future<Void> applyNew(SqlConnection conn, List<DomainEvent> events) {
    List<DomainEvent> distinct = List.copyOf(byId(events).values());
    Future<RowSet<Row>> marked = mark(conn, distinct, "INSERT IGNORE");
    Future<Void> applied = effect.apply(conn, distinct);
    return Future.all(marked, applied)
        .compose(done -> marked.result().rowCount() == distinct.size() ? Future.<Void>succeededFuture() : Future.failedFuture(SEEN));
  }

  /**
   * Marks the events of {@code events} not consumed before as consumed and applies them. The insert
   * is not IGNORE: an id another delivery marked meanwhile fails the batch, which then goes one by one.
   */
  private Future<Void> applyUnseen(SqlConnection conn, List<DomainEvent> events) {
    Map<String, DomainEvent> byId = byId(events);
    Tuple ids = Tuple.of(subscription.name());
    byId.keySet().forEach(ids::addValue);
    return db.query(conn, "SELECT event_id FROM " + db.byPrimaryKey("consumed_events")
            + " WHERE consumer = ? AND event_id IN " + Database.placeholders(byId.size()), ids)
        .compose(seen -> {
          seen.forEach(row -> byId.remove(row.getString("event_id")));
          if (byId.isEmpty()) {
            return Future.succeededFuture();
          }
          List<DomainEvent> unseen = List.copyOf(byId.values());
          return Future.all(mark(conn, unseen, "INSERT"), effect.apply(conn, unseen)).mapEmpty();
        });
  }

  /** The events of {@code events} by id, in their order, each once. */
  private static Map<String, DomainEvent> byId(List<DomainEvent> events) {
    Map<String, DomainEvent> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(e.id(), e));
    return byId;
  }

  /** Marks {@code events} as consumed with {@code insert} ({@code INSERT} or {@code INSERT IGNORE}). */
  private Future<RowSet<Row>> mark(SqlConnection conn, List<DomainEvent> events, String insert) {
    long now = System.currentTimeMillis();
    Tuple marks = Tuple.tuple();
    events.forEach(e -> marks.addValue(subscription.name()).addValue(e.id()).addValue(e.occurredAt()).addValue(now));
    return db.query(conn, insert + " INTO consumed_events (consumer, event_id, occurred_at, consumed_at) VALUES "
        + Database.values(events.size(), 4), marks);
  }

  private Future<Void> deadLetter(DomainEvent event, Throwable cause) {
    log.error("{} gives up on event {} ({}) after {} attempts, recorded in dead_events: {}",
        subscription.name(), event.id(), event.type(), ATTEMPTS, cause.toString());
    String reason = String.valueOf(cause);
    return db.query("INSERT INTO dead_events (consumer, event_id, event_type, payload, reason, dead_at) VALUES (?, ?, ?, ?, ?, ?)",
        Tuple.of(subscription.name(), event.id(), event.type(), event.toJson().encode(),
            reason.length() > 1000 ? reason.substring(0, 1000) : reason, System.currentTimeMillis())).mapEmpty();
  }
}
