package verticles.gateway;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import verticles.common.Failure;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The concurrency limit of one expensive read (a long list) on a node: at most {@code maxItems}
 * items of its pages in composition at once (a page counts as long as it may be). Further reads
 * wait, first come first served, at most {@code maxQueued} of them and at most {@code maxWaitMs}
 * each; beyond that a read is shed at once: a 503 (the envelope carries {@code Retry-After}),
 * counted in {@code vertok_shed_requests_total{endpoint}}. So a flood of one endpoint queues in
 * front of the domains instead of inside them: the domains answer well within the bus timeout,
 * their circuits stay closed and the other endpoints keep their share of the node.
 *
 * <p>Shared by the node's gateway instances (their event loops), hence synchronized; a waiting
 * read resumes on its own context.
 */
final class ReadLimit {
  private final Vertx vertx;
  private final String endpoint;
  private final int maxItems;
  private final int maxQueued;
  private final long maxWaitMs;
  private final Counter shed;
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
  private int items;

  /** A read waiting for its turn. */
  private static final class Waiter {
    final int items;
    final Context context;
    final Promise<Void> admitted;
    long timer;

    Waiter(int items, Context context, Promise<Void> admitted) {
      this.items = items;
      this.context = context;
      this.admitted = admitted;
    }
  }

  ReadLimit(Vertx vertx, String endpoint, int maxItems, int maxQueued, long maxWaitMs, Counter shed) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.maxItems = maxItems;
    this.maxQueued = maxQueued;
    this.maxWaitMs = maxWaitMs;
    this.shed = shed;
  }

  /** Runs {@code read} (of a page of at most {@code pageItems} items) once admitted, or fails with a 503 when shed. */
  <T> Future<T> run(int pageItems, Supplier<Future<T>> read) {
    Promise<Void> admitted = Promise.promise();
    Waiter waiter = new Waiter(pageItems, vertx.getOrCreateContext(), admitted);
    synchronized (this) {
      if (queue.isEmpty() && fits(pageItems)) {
        items += pageItems;
        admitted.complete();
      } else if (queue.size() >= maxQueued) {
        return shed("too many " + endpoint + " reads are waiting");
      } else {
        queue.add(waiter);
        waiter.timer = vertx.setTimer(maxWaitMs, id -> expire(waiter));
      }
    }
    return admitted.future().compose(v -> {
      Future<T> result;
      try {
        result = read.get();
      } catch (Throwable t) {
        result = Future.failedFuture(t);
      }
      return result.andThen(done -> release(pageItems));
    });
  }

  /** Whether a page of {@code pageItems} may start now: it fits, or it is the only one (a page larger than the limit runs alone). */
  private boolean fits(int pageItems) {
    return items == 0 || items + pageItems <= maxItems;
  }

  private void release(int pageItems) {
    synchronized (this) {
      items -= pageItems;
      while (!queue.isEmpty() && fits(queue.peek().items)) {
        Waiter next = queue.poll();
        items += next.items;
        vertx.cancelTimer(next.timer);
        next.context.runOnContext(v -> next.admitted.complete());
      }
    }
  }

  private void expire(Waiter waiter) {
    synchronized (this) {
      if (!queue.remove(waiter)) {
        return;
      }
    }
    shed.increment();
    waiter.admitted.fail(busy("the " + endpoint + " reads waited " + maxWaitMs + " ms"));
  }

  private <T> Future<T> shed(String why) {
    shed.increment();
    return Future.failedFuture(busy(why));
  }

  private static Failure busy(String why) {
    return Failure.unavailable("the server is busy (" + why + "); retry shortly");
  }
}
