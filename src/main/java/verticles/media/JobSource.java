package verticles.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.function.Function;

/**
 * Where a node's media workers get rendition jobs (video ids) from: RabbitMQ when
 * {@code rabbitmq_url} is set ({@link BrokerJobs}), else the database itself ({@link DatabaseJobs}).
 * The jobs' state lives in the database either way; the worker is the same.
 */
interface JobSource {
  /** What became of a job handed to the worker: settled (done, or nothing to do), or dead (every attempt failed). */
  enum Settled { DONE, DEAD }

  /** Hands jobs to {@code worker}, at most the source's parallelism at a time. */
  void start(Function<Long, Future<Settled>> worker);

  /** A due job may be there: look now rather than at the next poll. */
  void wake();

  /** {@code transport}, and with a broker {@code broker} (UP or DOWN) and {@code dead_letters} (messages in the dead-letter queue). */
  Future<JsonObject> status();

  Future<Void> close();
}
