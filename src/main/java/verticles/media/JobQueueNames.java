package verticles.media;

import io.vertx.core.json.JsonObject;

/**
 * The broker objects of rendition jobs, named after {@code rabbitmq_prefix}: the quorum queue
 * {@code <prefix>.media.jobs} (published to through the default exchange) and the dead letters'
 * fanout exchange and queue {@code <prefix>.media.dead}.
 */
public record JobQueueNames(String prefix) {
  /**
   * Deliveries of one message before the broker dead-letters it: a backstop for workers that die
   * on a job again and again (the attempts counted in the database normally end a job first).
   */
  static final int DELIVERY_LIMIT = 5;

  public String queue() {
    return prefix + ".media.jobs";
  }

  public String dead() {
    return prefix + ".media.dead";
  }

  /** Durable and replicated, a delivery limit, dead letters to {@link #dead()}. */
  JsonObject queueArguments() {
    return new JsonObject().put("x-queue-type", "quorum").put("x-delivery-limit", DELIVERY_LIMIT)
        .put("x-dead-letter-exchange", dead());
  }
}
