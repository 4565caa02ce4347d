package verticles.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.util.List;
import java.util.function.Function;

/**
 * How events travel from the relay to the consumers: through RabbitMQ when {@code rabbitmq_url} is
 * set ({@link RabbitTransport}), else over the event bus straight to the consumers
 * ({@link InProcessTransport}). The relay and the consumers use the same interface either way.
 */
public interface EventTransport {
  /** Hands {@code events} over in their order; succeeds once every one is safely taken (confirmed). */
  Future<Void> deliver(List<DomainEvent> events);

  /**
   * Receives the events of {@code subscription} in order, in batches (what has arrived while the
   * previous batch was handled): the next batch is handed over once {@code handler}'s future for
   * the previous one completed. A failed future means "not taken": those events come again.
   */
  void consume(Subscription subscription, Function<List<DomainEvent>, Future<Void>> handler);

  /** {@code transport} and, with a broker, {@code broker} UP or DOWN. */
  JsonObject status();

  Future<Void> close();

  /** The transport {@code config} asks for; {@code role} names the connection to the broker. */
  static EventTransport create(Vertx vertx, Config config, String role) {
    String url = config.string(Setting.RABBITMQ_URL);
    if (url.isEmpty()) {
      return new InProcessTransport(vertx);
    }
    return new RabbitTransport(vertx, url, new RabbitNames(config.string(Setting.RABBITMQ_PREFIX)), role);
  }
}
