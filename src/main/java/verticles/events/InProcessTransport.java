package verticles.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Events without a broker: the relay sends each subscription its share of a batch over the event
 * bus ({@code events.deliver.<name>}, to one of its consumers anywhere in the cluster) and counts
 * the batch delivered when every subscription replied (an {@link Subscription#ephemeral} one's
 * failure, or its having no consumer, counts as delivered). The relay sends one batch at a time, so
 * order holds even with several consumers.
 */
final class InProcessTransport implements EventTransport {
  /** A batch may wait for a consumer's database; longer than that and the relay sends it again. */
  private static final long DELIVERY_TIMEOUT_MS = 30_000;
  private static final String PREFIX = "events.deliver.";

  private final Vertx vertx;
  private final List<MessageConsumer<JsonArray>> consumers = new ArrayList<>();

  InProcessTransport(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> deliver(List<DomainEvent> events) {
    List<Future<?>> replies = new ArrayList<>();
    for (Subscription subscription : Subscription.ALL) {
      JsonArray share = new JsonArray();
      events.stream().filter(e -> subscription.receives(e.type())).forEach(e -> share.add(e.toJson()));
      if (!share.isEmpty()) {
        Future<?> reply = vertx.eventBus().request(PREFIX + subscription.name(), share,
            new DeliveryOptions().setSendTimeout(DELIVERY_TIMEOUT_MS));
        replies.add(subscription.ephemeral() ? reply.otherwiseEmpty() : reply);
      }
    }
    return Future.all(replies).mapEmpty();
  }

  @Override
  public void consume(Subscription subscription, Function<List<DomainEvent>, Future<Void>> handler) {
    consumers.add(vertx.eventBus().<JsonArray>consumer(PREFIX + subscription.name(), message -> {
      List<DomainEvent> events = message.body().stream().map(e -> DomainEvent.fromJson((JsonObject) e)).toList();
      handler.apply(events).onComplete(done -> {
        if (done.succeeded()) {
          message.reply(null);
        } else {
          message.fail(503, String.valueOf(done.cause().getMessage()));
        }
      });
    }));
  }

  @Override
  public JsonObject status() {
    return new JsonObject().put("transport", "in-process");
  }

  @Override
  public Future<Void> close() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
