package verticles.events;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Causes;
import verticles.common.Failure;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Events through RabbitMQ. One connection (one channel) per transport, watched every second: when
 * it is gone, a new client is made and set up again from scratch (topology, confirms, prefetch,
 * consumers), so nothing depends on the library's own recovery (see docs/events.md). Publishing
 * waits for the broker's confirms; consuming acks by hand, one event at a time, only on the
 * channel that delivered it.
 */
final class RabbitTransport implements EventTransport {
  private static final Logger log = LoggerFactory.getLogger(RabbitTransport.class);
  private static final long WATCH_MS = 1000;
  private static final long CONFIRM_TIMEOUT_MS = 5000;
  private static final long SETUP_TIMEOUT_MS = 10_000;
  /** Unacknowledged deliveries a consumer holds: the bound of its in-memory queue too. */
  private static final int PREFETCH = 256;

  private final Vertx vertx;
  private final String url;
  private final RabbitNames names;
  private final String role;
  private final List<Consumption> consumptions = new ArrayList<>();
  private final long watch;
  /** The connected client, or null while the broker is unreachable. */
  private RabbitMQClient client;
  private boolean connecting;
  private boolean closed;
  private boolean reportedDown;

  /**
   * A subscription being consumed: deliveries wait in {@code waiting} (at most the prefetch) while a
   * batch is handled, then go as the next batch.
   */
  private static final class Consumption {
    final Subscription subscription;
    final Function<List<DomainEvent>, Future<Void>> handler;
    List<RabbitMQMessage> waiting = new ArrayList<>();
    /** The client that delivered what waits. */
    RabbitMQClient channel;
    boolean busy;

    Consumption(Subscription subscription, Function<List<DomainEvent>, Future<Void>> handler) {
      this.subscription = subscription;
      this.handler = handler;
    }
  }

  RabbitTransport(Vertx vertx, String url, RabbitNames names, String role) {
    this.vertx = vertx;
    this.url = url;
    this.names = names;
    this.role = role;
    this.watch = vertx.setPeriodic(WATCH_MS, id -> connect());
    connect();
  }

  @Override
  public Future<Void> deliver(List<DomainEvent> events) {
    RabbitMQClient c = client;
    if (c == null || !c.isConnected()) {
      return Future.failedFuture(Failure.unavailable("the event broker is unavailable"));
    }
    List<Future<Void>> published = new ArrayList<>(events.size());
    for (DomainEvent event : events) {
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
          .messageId(event.id()).type(event.type()).contentType("application/json")
          .deliveryMode(2).timestamp(new Date(event.occurredAt())).build();
      published.add(c.basicPublish(names.exchange(), event.type(), properties, event.toJson().toBuffer()));
    }
    return Future.all(published).compose(v -> c.waitForConfirms(CONFIRM_TIMEOUT_MS));
  }

  @Override
  public void consume(Subscription subscription, Function<List<DomainEvent>, Future<Void>> handler) {
    Consumption consumption = new Consumption(subscription, handler);
    consumptions.add(consumption);
    RabbitMQClient c = client;
    if (c != null) {
      startConsumer(c, consumption).onFailure(e -> c.stop());
    }
  }

  @Override
  public JsonObject status() {
    return new JsonObject().put("transport", "rabbitmq")
        .put("broker", client != null && client.isConnected() ? "UP" : "DOWN");
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(watch);
    RabbitMQClient c = client;
    client = null;
    return c == null ? Future.succeededFuture() : c.stop().otherwiseEmpty();
  }

  /** Makes a new connection when there is none that works (the watch calls this every second). */
  private void connect() {
    if (closed || connecting || (client != null && client.isConnected())) {
      return;
    }
    connecting = true;
    RabbitMQClient old = client;
    client = null;
    if (old != null) {
      old.stop();
    }
    RabbitMQClient fresh = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(url)
        // The library's two recovery mechanisms are off: this class reconnects (see the class comment).
        .setAutomaticRecoveryEnabled(false).setReconnectAttempts(0)
        .setConnectionTimeout(2000).setHandshakeTimeout(2000).setRequestedHeartbeat(10)
        .setConnectionName("vertok-" + role));
    log.debug("connecting to the event broker ({})", role);
    // A broker that accepts connections while it is still recovering may leave a declaration hanging.
    fresh.start().compose(v -> setUp(fresh)).timeout(SETUP_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(ready -> {
      log.debug("event broker connection ({}): {}", role, ready.succeeded() ? "ready" : ready.cause().toString());
      connecting = false;
      if (ready.succeeded() && !closed) {
        client = fresh;
        if (reportedDown) {
          log.info("event broker reachable again ({})", role);
        }
        reportedDown = false;
        return;
      }
      fresh.stop();
      if (ready.failed() && !reportedDown) {
        reportedDown = true;
        log.warn("event broker unavailable ({}), retrying every {} ms: {}", role, WATCH_MS,
            Causes.firstLine(String.valueOf(Causes.root(ready.cause()).getMessage())));
      }
    });
  }

  /** Declares everything (a message routed to no queue would be confirmed and lost), then confirms and consumers. */
  private Future<Void> setUp(RabbitMQClient c) {
    Future<Void> chain = c.exchangeDeclare(names.exchange(), "topic", true, false)
        .compose(v -> c.exchangeDeclare(names.dead(), "fanout", true, false))
        .compose(v -> c.queueDeclare(names.dead(), true, false, false).mapEmpty())
        .compose(v -> c.queueBind(names.dead(), names.dead(), ""));
    for (Subscription subscription : Subscription.ALL) {
      String queue = names.queue(subscription);
      chain = chain.compose(v -> c.queueDeclare(queue, true, false, false, names.queueArguments()).mapEmpty());
      for (String pattern : subscription.patterns()) {
        chain = chain.compose(v -> c.queueBind(queue, names.exchange(), pattern));
      }
    }
    chain = chain.compose(v -> c.confirmSelect());
    for (Consumption consumption : consumptions) {
      chain = chain.compose(v -> startConsumer(c, consumption));
    }
    return chain;
  }

  private Future<Void> startConsumer(RabbitMQClient c, Consumption consumption) {
    QueueOptions options = new QueueOptions().setAutoAck(false).setMaxInternalQueueSize(PREFETCH);
    return c.basicQos(PREFETCH).compose(v -> c.basicConsumer(names.queue(consumption.subscription), options)).map(consumer -> {
      consumption.channel = c;
      consumption.waiting = new ArrayList<>();
      consumer.handler(message -> {
        if (consumption.channel == c) {
          consumption.waiting.add(message);
          drain(consumption);
        }
      });
      return null;
    });
  }

  /** Hands what waits to the handler as one batch, unless a batch is being handled. */
  private void drain(Consumption consumption) {
    if (consumption.busy || consumption.waiting.isEmpty()) {
      return;
    }
    RabbitMQClient c = consumption.channel;
    List<RabbitMQMessage> batch = consumption.waiting;
    consumption.waiting = new ArrayList<>();
    consumption.busy = true;
    handle(c, consumption, batch).onComplete(done -> {
      consumption.busy = false;
      drain(consumption);
    });
  }

  /** Handles a batch, then acks (or requeues) all of it at once; never on a channel other than the one that delivered it. */
  private Future<Void> handle(RabbitMQClient c, Consumption consumption, List<RabbitMQMessage> batch) {
    List<DomainEvent> events = new ArrayList<>(batch.size());
    List<Future<Void>> rejected = new ArrayList<>();
    for (RabbitMQMessage message : batch) {
      try {
        events.add(DomainEvent.fromJson(message.body().toJsonObject()));
      } catch (RuntimeException e) {
        log.error("not an event on {}, dead-lettered: {}", names.queue(consumption.subscription), e.toString());
        rejected.add(c.basicNack(message.envelope().getDeliveryTag(), false, false).otherwiseEmpty());
      }
    }
    long last = batch.get(batch.size() - 1).envelope().getDeliveryTag();
    return Future.join(rejected).transform(v -> consumption.handler.apply(events)).transform(handled -> {
      if (c != client || consumption.channel != c) {
        // That channel is gone: the broker delivers these events again on the new one.
        return Future.<Void>succeededFuture();
      }
      return (handled.succeeded() ? c.basicAck(last, true) : c.basicNack(last, true, true)).otherwiseEmpty();
    });
  }
}
