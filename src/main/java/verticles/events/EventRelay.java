package verticles.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.LeaderLock;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.common.db.Database;
import verticles.observability.NodeMetrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Moves events from the outbox to the transport: the oldest batch, in id order, delivered (confirmed),
 * then deleted; again at once while batches are full, else after {@code events_poll_ms} (a short
 * pause lets a batch gather events: fewer, larger batches cost the database less per event). A failed
 * delivery leaves the rows where they are and is tried again a second later, so a broker outage
 * only makes the outbox grow. One relay per node; only the one holding the cluster-wide lock
 * {@link #LOCK} relays (one sender keeps the order), the others wait to take over.
 * Every relay answers {@link EventsAddresses#STATUS} for /health.
 */
public final class EventRelay extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
  static final String LOCK = "vertok.events.relay";
  private static final long RETRY_MS = 1000;
  private static final long PRUNE_EVERY_MS = TimeUnit.MINUTES.toMillis(10);
  /** How long consumers remember the events they applied. */
  private static final long CONSUMED_KEPT_MS = TimeUnit.DAYS.toMillis(7);

  private final Database db;
  private Outbox outbox;
  private EventTransport transport;
  private MessageConsumer<JsonObject> status;
  private LeaderLock leader;
  private boolean stopped;
  private boolean failing;
  private long lastPrune;
  private int batch;
  /** Events this relay delivered since it started, by type. */
  private final Map<String, Long> delivered = new TreeMap<>();
  /** Outbox positions delivered and being deleted (a delete completes on the database's thread). */
  private final Set<Long> deleting = ConcurrentHashMap.newKeySet();
  private long pollMs;
  private Counter relayed;
  private Timer batchTime;

  /** Relays with {@code db}'s background pool: the requests' queue never holds the relay up. */
  public EventRelay(Database db) {
    this.db = db.background();
  }

  @Override
  public Future<?> start() {
    Config config = Config.of(config());
    batch = config.integer(Setting.EVENTS_BATCH);
    pollMs = config.integer(Setting.EVENTS_POLL_MS);
    outbox = new Outbox(db);
    relayed = NodeMetrics.of(vertx).eventsRelayed();
    batchTime = NodeMetrics.of(vertx).relayBatch();
    transport = EventTransport.create(vertx, config, "relay");
    status = vertx.eventBus().consumer(EventsAddresses.STATUS, message -> status().onComplete(done ->
        message.reply(done.succeeded() ? done.result() : transport.status().put("relaying", leader != null && leader.held())
            .put("error", String.valueOf(done.cause().getMessage())))));
    leader = LeaderLock.take(vertx, LOCK, this::relay);
    return status.completion();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (leader != null) {
      leader.release();
    }
    return Future.join(status.unregister(), transport.close());
  }

  private void relay() {
    if (stopped) {
      return;
    }
    long started = System.nanoTime();
    outbox.oldest(batch, deleting).compose(pending -> pending.isEmpty()
            ? Future.succeededFuture(0)
            : transport.deliver(pending.stream().map(Outbox.Pending::event).toList()).map(v -> {
              delete(pending);
              pending.forEach(p -> delivered.merge(p.event().type(), 1L, Long::sum));
              relayed.increment(pending.size());
              batchTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
              return pending.size();
            }))
        .onComplete(done -> {
          if (stopped) {
            return;
          }
          if (done.failed()) {
            if (!failing) {
              log.warn("events wait in the outbox, retrying every {} ms: {}", RETRY_MS, done.cause().toString());
            }
            failing = true;
            vertx.setTimer(RETRY_MS, t -> relay());
            return;
          }
          if (failing) {
            log.info("outbox relay delivering again");
          }
          failing = false;
          prune();
          if (done.result() == batch) {
            vertx.runOnContext(v -> relay());
          } else {
            vertx.setTimer(pollMs, t -> relay());
          }
        });
  }

  /**
   * Deletes delivered rows while the next batch is read: until the delete is done, the next reads
   * skip them. Should it fail, they are delivered again (consumers are idempotent).
   */
  private void delete(List<Outbox.Pending> pending) {
    List<Long> positions = pending.stream().map(Outbox.Pending::position).toList();
    deleting.addAll(positions);
    outbox.delete(pending).onComplete(done -> {
      positions.forEach(deleting::remove);
      if (done.failed()) {
        log.warn("could not delete {} delivered events from the outbox, they will be delivered again: {}",
            positions.size(), done.cause().toString());
      }
    });
  }

  /** Forgets consumed event ids after a week, every ten minutes. */
  private void prune() {
    long now = System.currentTimeMillis();
    if (now - lastPrune < PRUNE_EVERY_MS) {
      return;
    }
    lastPrune = now;
    db.query("DELETE FROM consumed_events WHERE consumed_at < ?", Tuple.of(now - CONSUMED_KEPT_MS))
        .onFailure(e -> log.warn("could not prune consumed_events: {}", e.toString()));
  }

  private Future<JsonObject> status() {
    Future<JsonObject> backlog = outbox.backlog();
    Future<Long> dead = db.query("SELECT COUNT(*) AS n FROM dead_events", Tuple.tuple())
        .map(rows -> rows.iterator().next().getLong("n"));
    return Future.all(backlog, dead).map(done -> transport.status().put("relaying", leader != null && leader.held())
        .mergeIn(backlog.result()).put("dead_events", dead.result()).put("delivered", new JsonObject(new TreeMap<String, Object>(delivered))));
  }
}
