package verticles.events;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.broker.BrokerConnection;
import verticles.common.Failure;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

/**
 * Events through RabbitMQ. One {@link BrokerConnection} per transport, set up again from scratch
 * whenever it is made (topology, confirms, prefetch, consumers). Publishing waits for the broker's
 * confirms; consuming acks by hand, a batch at a time, only on the channel that delivered it.
 */
final class RabbitTransport implements EventTransport {
  private static final Logger log = LoggerFactory.getLogger(RabbitTransport.class);
  private static final long CONFIRM_TIMEOUT_MS = 5000;
  /**
   * Unacknowledged deliveries a consumer holds: the bound of its in-memory queue too. Well above
   * {@link #BATCH}, so that the broker goes on delivering while a batch is applied and the next
   * batch is there when it is acked (with a prefetch of one batch, a consumer that is behind
   * would wait for the ack's round trip and the deliveries after it, batch after batch).
   */
  private static final int PREFETCH = 1024;
  /** The most events a consumer applies at a time (one transaction); the others wait for the next batch. */
  private static final int BATCH = 256;

  private final RabbitNames names;
  private final List<Consumption> consumptions = new ArrayList<>();
  private final BrokerConnection connection;

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
    this.names = names;
    this.connection = new BrokerConnection(vertx, url, "events-" + role, this::setUp, c -> { });
  }

  @Override
  public Future<Void> deliver(List<DomainEvent> events) {
    RabbitMQClient c = connection.client();
    if (c == null) {
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
    RabbitMQClient c = connection.client();
    if (c != null) {
      startConsumer(c, consumption).onFailure(e -> c.stop());
    }
  }

  @Override
  public JsonObject status() {
    return new JsonObject().put("transport", "rabbitmq")
        .put("broker", connection.state());
  }

  @Override
  public Future<Void> close() {
    return connection.close();
  }

  /** Declares everything (a message routed to no queue would be confirmed and lost), then confirms and consumers. */
  private Future<Void> setUp(RabbitMQClient c) {
    Future<Void> chain = c.exchangeDeclare(names.exchange(), "topic", true, false)
        .compose(v -> c.exchangeDeclare(names.dead(), "fanout", true, false))
        .compose(v -> c.queueDeclare(names.dead(), true, false, false).mapEmpty())
        .compose(v -> c.queueBind(names.dead(), names.dead(), ""));
    for (Subscription subscription : Subscription.ALL) {
      String queue = names.queue(subscription);
      chain = chain.compose(v -> c.queueDeclare(queue, true, false, false, names.queueArguments(subscription)).mapEmpty());
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
    List<RabbitMQMessage> waiting = consumption.waiting;
    List<RabbitMQMessage> batch;
    if (waiting.size() <= BATCH) {
      batch = waiting;
      consumption.waiting = new ArrayList<>();
    } else {
      batch = new ArrayList<>(waiting.subList(0, BATCH));
      consumption.waiting = new ArrayList<>(waiting.subList(BATCH, waiting.size()));
    }
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
      if (!connection.isCurrent(c) || consumption.channel != c) {
        // That channel is gone: the broker delivers these events again on the new one.
        return Future.<Void>succeededFuture();
      }
      return (handled.succeeded() ? c.basicAck(last, true) : c.basicNack(last, true, true)).otherwiseEmpty();
    });
  }
}
