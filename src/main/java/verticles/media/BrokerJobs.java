package verticles.media;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Causes;
import verticles.video.VideoClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Rendition jobs through RabbitMQ. Publishing: the node holding the cluster-wide lock {@link #LOCK}
 * relays due jobs from the database to the queue ({@code {"video_id": N}}, persistent), waits for
 * the broker's confirms and only then marks them queued; with the broker down they wait in the
 * database. Consuming: manual acks, prefetch {@code parallel}; a job is acked once it is settled
 * and nacked without requeue (to the dead-letter queue) when it is dead; an ack is never sent on a
 * channel other than the one that delivered it. One connection, watched every second and set up
 * again from scratch when it is gone (the library's own recovery is off, see docs/events.md).
 */
final class BrokerJobs implements JobSource {
  private static final Logger log = LoggerFactory.getLogger(BrokerJobs.class);
  static final String LOCK = "vertok.media.relay";
  private static final long WATCH_MS = 1000;
  private static final long RELAY_MS = 500;
  private static final int RELAY_BATCH = 100;
  private static final long CONFIRM_TIMEOUT_MS = 5000;
  private static final long SETUP_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final String url;
  private final JobQueueNames names;
  private final int parallel;
  private final VideoClient videos;
  private final long watch;
  private Function<Long, Future<Settled>> worker;
  /** The connected client, or null while the broker is unreachable. */
  private RabbitMQClient client;
  private boolean connecting;
  private boolean closed;
  private boolean reportedDown;
  private Lock lock;
  private long relayTimer = -1;
  private boolean relaying;
  private boolean failingRelay;

  BrokerJobs(Vertx vertx, String url, JobQueueNames names, int parallel, VideoClient videos) {
    this.vertx = vertx;
    this.url = url;
    this.names = names;
    this.parallel = parallel;
    this.videos = videos;
    this.watch = vertx.setPeriodic(WATCH_MS, id -> connect());
  }

  @Override
  public void start(Function<Long, Future<Settled>> worker) {
    this.worker = worker;
    connect();
    takeLock();
  }

  @Override
  public void wake() {
    relay();
  }

  @Override
  public Future<JsonObject> status() {
    RabbitMQClient c = client;
    JsonObject status = new JsonObject().put("transport", "rabbitmq")
        .put("broker", c != null && c.isConnected() ? "UP" : "DOWN").put("relaying", lock != null);
    if (c == null || !c.isConnected()) {
      return Future.succeededFuture(status);
    }
    return c.messageCount(names.dead()).timeout(1, TimeUnit.SECONDS)
        .map(n -> status.put("dead_letters", n)).otherwise(status);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(watch);
    vertx.cancelTimer(relayTimer);
    if (lock != null) {
      lock.release();
    }
    RabbitMQClient c = client;
    client = null;
    return c == null ? Future.succeededFuture() : c.stop().otherwiseEmpty();
  }

  private void takeLock() {
    vertx.sharedData().getLockWithTimeout(LOCK, 5000).onComplete(taken -> {
      if (closed) {
        if (taken.succeeded()) {
          taken.result().release();
        }
      } else if (taken.succeeded()) {
        lock = taken.result();
        relayTimer = vertx.setPeriodic(RELAY_MS, t -> relay());
      } else {
        vertx.setTimer(WATCH_MS, t -> takeLock());
      }
    });
  }

  /** Publishes due jobs and marks them queued once confirmed; again at once while batches are full. */
  private void relay() {
    RabbitMQClient c = client;
    if (lock == null || relaying || closed || c == null || !c.isConnected()) {
      return;
    }
    relaying = true;
    videos.dueJobs(RELAY_BATCH)
        .compose(ids -> ids.isEmpty() ? Future.succeededFuture(ids) : publish(c, ids).compose(v -> videos.jobsQueued(ids)).map(ids))
        .onComplete(done -> {
          relaying = false;
          if (done.failed()) {
            if (!failingRelay) {
              log.warn("rendition jobs wait in the database, retrying: {}", done.cause().toString());
            }
            failingRelay = true;
            return;
          }
          failingRelay = false;
          if (done.result().size() == RELAY_BATCH) {
            vertx.runOnContext(v -> relay());
          }
        });
  }

  private Future<Void> publish(RabbitMQClient c, List<Long> videoIds) {
    List<Future<Void>> published = new ArrayList<>(videoIds.size());
    for (long id : videoIds) {
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
          .messageId("rendition:" + id).type("media.rendition").contentType("application/json").deliveryMode(2).build();
      published.add(c.basicPublish("", names.queue(), properties, new JsonObject().put("video_id", id).toBuffer()));
    }
    return Future.all(published).compose(v -> c.waitForConfirms(CONFIRM_TIMEOUT_MS));
  }

  /** Makes a new connection when there is none that works (the watch calls this every second). */
  private void connect() {
    if (closed || worker == null || connecting || (client != null && client.isConnected())) {
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
        .setConnectionName("vertok-media"));
    fresh.start().compose(v -> setUp(fresh)).timeout(SETUP_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(ready -> {
      connecting = false;
      if (ready.succeeded() && !closed) {
        client = fresh;
        if (reportedDown) {
          log.info("job broker reachable again");
        }
        reportedDown = false;
        relay();
        return;
      }
      fresh.stop();
      if (ready.failed() && !reportedDown) {
        reportedDown = true;
        log.warn("job broker unavailable, rendition jobs wait in the database; retrying every {} ms: {}", WATCH_MS,
            Causes.firstLine(String.valueOf(Causes.root(ready.cause()).getMessage())));
      }
    });
  }

  /** Declares the queues (a message routed to no queue would be confirmed and lost), confirms, prefetch, the consumer. */
  private Future<Void> setUp(RabbitMQClient c) {
    QueueOptions options = new QueueOptions().setAutoAck(false).setMaxInternalQueueSize(parallel);
    return c.exchangeDeclare(names.dead(), "fanout", true, false)
        .compose(v -> c.queueDeclare(names.dead(), true, false, false).mapEmpty())
        .compose(v -> c.queueBind(names.dead(), names.dead(), ""))
        .compose(v -> c.queueDeclare(names.queue(), true, false, false, names.queueArguments()).mapEmpty())
        .compose(v -> c.confirmSelect())
        .compose(v -> c.basicQos(parallel))
        .compose(v -> c.basicConsumer(names.queue(), options))
        .map(consumer -> {
          consumer.handler(message -> handle(c, message));
          return null;
        });
  }

  private void handle(RabbitMQClient c, RabbitMQMessage message) {
    long tag = message.envelope().getDeliveryTag();
    Long videoId;
    try {
      videoId = message.body().toJsonObject().getLong("video_id");
    } catch (RuntimeException e) {
      videoId = null;
    }
    if (videoId == null) {
      log.error("not a rendition job on {}, dead-lettered: {}", names.queue(), message.body());
      c.basicNack(tag, false, false);
      return;
    }
    worker.apply(videoId).onComplete(done -> {
      if (c != client) {
        // That channel is gone: the broker delivers the job again on the new one.
        return;
      }
      if (done.succeeded() && done.result() == Settled.DEAD) {
        c.basicNack(tag, false, false);
      } else {
        c.basicAck(tag, false);
      }
    });
  }
}
