package verticles.common.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one at a time, in submission order, each on the context that submitted
 * it. Safe to use from several event loops.
 */
final class SerialQueue {
  private final Vertx vertx;
  private Future<Void> tail = Future.succeededFuture();

  SerialQueue(Vertx vertx) {
    this.vertx = vertx;
  }

  <T> Future<T> submit(Supplier<Future<T>> task) {
    Context context = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    Future<Void> previous;
    synchronized (this) {
      previous = tail;
      tail = done.future();
    }
    Promise<T> result = Promise.promise();
    previous.onComplete(turn -> context.runOnContext(v -> {
      Future<T> outcome;
      try {
        outcome = task.get();
      } catch (RuntimeException e) {
        outcome = Future.failedFuture(e);
      }
      outcome.onComplete(ar -> {
        done.complete();
        result.handle(ar);
      });
    }));
    return result.future();
  }
}
