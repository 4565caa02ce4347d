package verticles.events;

import io.vertx.core.json.JsonObject;

/**
 * The broker objects of one deployment, all named after {@code rabbitmq_prefix}: the topic exchange
 * {@code <prefix>.events}, a quorum queue {@code <prefix>.events.<subscription>} per subscription,
 * and the dead letters' exchange and queue {@code <prefix>.events.dead}.
 */
public record RabbitNames(String prefix) {
  /** Deliveries of one message before the broker dead-letters it (a consumer that crashes on it, again and again). */
  static final int DELIVERY_LIMIT = 10;

  public String exchange() {
    return prefix + ".events";
  }

  public String queue(Subscription subscription) {
    return exchange() + "." + subscription.name();
  }

  public String dead() {
    return exchange() + ".dead";
  }

  /** How long, and how many, events of an {@link Subscription#ephemeral} subscription the broker keeps. */
  static final int EPHEMERAL_TTL_MS = 10_000;
  static final int EPHEMERAL_MAX_LENGTH = 10_000;

  /**
   * Durable, replicated, one consumer at a time (order), dead letters to {@link #dead()}; an
   * {@link Subscription#ephemeral} subscription's queue keeps its events for
   * {@link #EPHEMERAL_TTL_MS} and at most {@link #EPHEMERAL_MAX_LENGTH} of them (the oldest go).
   */
  JsonObject queueArguments(Subscription subscription) {
    if (subscription.ephemeral()) {
      return new JsonObject().put("x-queue-type", "classic").put("x-single-active-consumer", true)
          .put("x-message-ttl", EPHEMERAL_TTL_MS).put("x-max-length", EPHEMERAL_MAX_LENGTH).put("x-overflow", "drop-head");
    }
    return new JsonObject().put("x-queue-type", "quorum").put("x-single-active-consumer", true)
        .put("x-delivery-limit", DELIVERY_LIMIT).put("x-dead-letter-exchange", dead());
  }
}
