package verticles.media;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.LeaderLock;
import verticles.common.broker.BrokerConnection;
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
 * channel other than the one that delivered it. One {@link BrokerConnection}, set up again from
 * scratch whenever it is made.
 */
final class BrokerJobs implements JobSource {
  private static final Logger log = LoggerFactory.getLogger(BrokerJobs.class);
  static final String LOCK = "vertok.media.relay";
  private static final long RELAY_MS = 500;
  private static final int RELAY_BATCH = 100;
  private static final long CONFIRM_TIMEOUT_MS = 5000;

  private final Vertx vertx;
  private final String url;
  private final JobQueueNames names;
  private final int parallel;
  private final VideoClient videos;
  private Function<Long, Future<Settled>> worker;
  /** Made once the worker is known (the consumer needs it). */
  private BrokerConnection connection;
  private boolean closed;
  private LeaderLock leader;
  private long relayTimer = -1;
  private boolean relaying;
  private boolean failingRelay;

  BrokerJobs(Vertx vertx, String url, JobQueueNames names, int parallel, VideoClient videos) {
    this.vertx = vertx;
    this.url = url;
    this.names = names;
    this.parallel = parallel;
    this.videos = videos;
  }

  @Override
  public void start(Function<Long, Future<Settled>> worker) {
    this.worker = worker;
    connection = new BrokerConnection(vertx, url, "media", this::setUp, c -> relay());
    leader = LeaderLock.take(vertx, LOCK, () -> relayTimer = vertx.setPeriodic(RELAY_MS, t -> relay()));
  }

  @Override
  public void wake() {
    relay();
  }

  @Override
  public Future<JsonObject> status() {
    RabbitMQClient c = connection == null ? null : connection.client();
    JsonObject status = new JsonObject().put("transport", "rabbitmq")
        .put("broker", c != null ? "UP" : "DOWN").put("relaying", leader != null && leader.held());
    if (c == null) {
      return Future.succeededFuture(status);
    }
    return c.messageCount(names.dead()).timeout(1, TimeUnit.SECONDS)
        .map(n -> status.put("dead_letters", n)).otherwise(status);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(relayTimer);
    if (leader != null) {
      leader.release();
    }
    return connection == null ? Future.succeededFuture() : connection.close();
  }

  /** Publishes due jobs and marks them queued once confirmed; again at once while batches are full. */
  private void relay() {
    RabbitMQClient c = connection == null ? null : connection.client();
    if (leader == null || !leader.held() || relaying || closed || c == null) {
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
      if (!connection.isCurrent(c)) {
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
