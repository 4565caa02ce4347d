package verticles.live;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The clustered registrations of a node's live push: one consumer per address (a watched video, a
 * connected user) that any socket of the node needs, however many sockets need it, registered
 * when the first one comes and unregistered when the last one goes. What arrives on it is handed
 * once to each {@link LiveChannel} (gateway event loop) that has sockets for it, which fans out.
 * The node's {@link LiveRelay} gives it its context: every registration is made, and every
 * arrival handled, there.
 */
public final class LiveHub {
  private final Vertx vertx;
  private final LiveLimits limits;
  private final LongFunction<Future<Boolean>> videoExists;
  final LiveStats stats = new LiveStats();
  private Context context;
  /** On {@link #context} only. */
  private final Map<String, Topic> topics = new HashMap<>();

  /** An address's consumer and the channels with sockets for it (how many each). */
  private static final class Topic {
    MessageConsumer<String> consumer;
    Future<Void> registered;
    final Map<LiveChannel, Integer> channels = new HashMap<>();
  }

  /** {@code videoExists}: whether the video domain has a video, for the watch operation ({@link WatchableVideos}). */
  public LiveHub(Vertx vertx, LiveLimits limits, LongFunction<Future<Boolean>> videoExists) {
    this.vertx = vertx;
    this.limits = limits;
    this.videoExists = videoExists;
  }

  public LiveLimits limits() {
    return limits;
  }

  LongFunction<Future<Boolean>> videoExists() {
    return videoExists;
  }

  /** The node's figures for /health. */
  public JsonObject status() {
    return stats.toJson();
  }

  void attach(Context context) {
    this.context = context;
  }

  /** A socket of {@code channel} needs {@code address}; {@code done} runs on the channel once the registration is in the cluster. */
  void join(LiveChannel channel, String address, Handler<AsyncResult<Void>> done) {
    context.runOnContext(v -> {
      Topic topic = topics.computeIfAbsent(address, this::register);
      topic.channels.merge(channel, 1, Integer::sum);
      topic.registered.onComplete(registered -> channel.run(() -> done.handle(registered)));
    });
  }

  /** A socket of {@code channel} no longer needs {@code address}. */
  void leave(LiveChannel channel, String address) {
    context.runOnContext(v -> {
      Topic topic = topics.get(address);
      if (topic == null) {
        return;
      }
      topic.channels.computeIfPresent(channel, (c, n) -> n <= 1 ? null : n - 1);
      if (topic.channels.isEmpty()) {
        topics.remove(address);
        topic.consumer.unregister();
        counter(address).decrementAndGet();
      }
    });
  }

  private Topic register(String address) {
    Topic topic = new Topic();
    topic.consumer = vertx.eventBus().consumer(address, message -> {
      String text = message.body();
      topic.channels.keySet().forEach(channel -> channel.deliver(address, text));
    });
    topic.registered = topic.consumer.completion().onFailure(e -> {
      // Not in the cluster: the sockets that asked are told, and the next one tries afresh.
      if (topics.remove(address, topic)) {
        counter(address).decrementAndGet();
      }
    });
    counter(address).incrementAndGet();
    stats.registered.incrementAndGet();
    return topic;
  }

  private AtomicLong counter(String address) {
    return LiveAddresses.isVideo(address) ? stats.videoRegistrations : stats.userRegistrations;
  }
}
