package verticles.common.broker;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Causes;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One connection (one channel) to RabbitMQ, watched every second: when it is gone, a new client is
 * made and set up again from scratch by {@code setUp} (declarations, confirms, prefetch, consumers),
 * so nothing depends on the library's own recovery, which is off (docs/events.md). Whoever acks
 * compares the client that delivered a message with {@link #client()}: an ack is never sent on a
 * channel other than the one that delivered it (the broker delivers those again on the new one).
 */
public final class BrokerConnection {
  private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);
  private static final long WATCH_MS = 1000;
  private static final long SETUP_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final String url;
  private final String name;
  private final Function<RabbitMQClient, Future<Void>> setUp;
  private final Handler<RabbitMQClient> ready;
  private final long watch;
  /** The connected client, or null while the broker is unreachable. */
  private volatile RabbitMQClient client;
  private boolean connecting;
  private boolean closed;
  private boolean reportedDown;

  /**
   * Connects to {@code url} now and whenever the connection is gone, as {@code name} (the broker's
   * connection name, and the logs'); {@code ready} is called with each client once set up.
   */
  public BrokerConnection(Vertx vertx, String url, String name, Function<RabbitMQClient, Future<Void>> setUp,
                          Handler<RabbitMQClient> ready) {
    this.vertx = vertx;
    this.url = url;
    this.name = name;
    this.setUp = setUp;
    this.ready = ready;
    this.watch = vertx.setPeriodic(WATCH_MS, id -> connect());
    connect();
  }

  /** The connected client, or null while the broker is unreachable. */
  public RabbitMQClient client() {
    RabbitMQClient c = client;
    return c != null && c.isConnected() ? c : null;
  }

  /** Whether {@code c} is the current client: the channel a delivery came on is still the one to ack on. */
  public boolean isCurrent(RabbitMQClient c) {
    return c == client;
  }

  /** "UP" or "DOWN", for /health. */
  public String state() {
    return client() != null ? "UP" : "DOWN";
  }

  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(watch);
    RabbitMQClient c = client;
    client = null;
    return c == null ? Future.succeededFuture() : c.stop().otherwiseEmpty();
  }

  /** Makes a new connection when there is none that works (the watch calls this every second). */
  private void connect() {
    if (closed || connecting || client() != null) {
      return;
    }
    connecting = true;
    RabbitMQClient old = client;
    client = null;
    if (old != null) {
      old.stop();
    }
    RabbitMQClient fresh = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(url)
        .setAutomaticRecoveryEnabled(false).setReconnectAttempts(0)
        .setConnectionTimeout(2000).setHandshakeTimeout(2000).setRequestedHeartbeat(10)
        .setConnectionName("vertok-" + name));
    log.debug("connecting to the broker ({})", name);
    // A broker that accepts connections while it is still recovering may leave a declaration hanging.
    fresh.start().compose(v -> setUp.apply(fresh)).timeout(SETUP_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(done -> {
      connecting = false;
      if (done.succeeded() && !closed) {
        client = fresh;
        if (reportedDown) {
          log.info("broker reachable again ({})", name);
        }
        reportedDown = false;
        ready.handle(fresh);
        return;
      }
      fresh.stop();
      if (done.failed() && !reportedDown) {
        reportedDown = true;
        log.warn("broker unavailable ({}), retrying every {} ms: {}", name, WATCH_MS,
            Causes.firstLine(String.valueOf(Causes.root(done.cause()).getMessage())));
      }
    });
  }
}
