package verticles.media;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Runs at most {@code limit} tasks at once and, among those waiting, takes the users in turn
 * (round robin, each user's own tasks in order): one user's many uploads do not make everyone
 * else's wait behind them. Thread-safe; a task runs on the context that submitted it, so its
 * result arrives there.
 */
final class FairQueue {
  private record Task(Context context, Supplier<Future<Object>> work, Promise<Object> result) {
  }

  private final int limit;
  private final Map<Long, Queue<Task>> waiting = new HashMap<>();
  /** Users with waiting tasks, in the order they get their next turn. */
  private final Queue<Long> turns = new ArrayDeque<>();
  private int running;

  FairQueue(int limit) {
    this.limit = limit;
  }

  /** Runs {@code work} for {@code user} when a slot is free and it is that user's turn. */
  @SuppressWarnings("unchecked")
  <T> Future<T> submit(long user, Supplier<Future<T>> work) {
    Context context = Vertx.currentContext();
    Promise<Object> result = Promise.promise();
    synchronized (this) {
      waiting.computeIfAbsent(user, u -> {
        turns.add(u);
        return new ArrayDeque<>();
      }).add(new Task(context, (Supplier<Future<Object>>) (Supplier<?>) work, result));
    }
    startWaiting();
    return (Future<T>) result.future();
  }

  private void startWaiting() {
    while (true) {
      Task next;
      synchronized (this) {
        if (running >= limit || turns.isEmpty()) {
          return;
        }
        Long user = turns.poll();
        Queue<Task> tasks = waiting.get(user);
        next = tasks.poll();
        if (tasks.isEmpty()) {
          waiting.remove(user);
        } else {
          turns.add(user);
        }
        running++;
      }
      start(next);
    }
  }

  private void start(Task task) {
    Runnable run = () -> {
      Future<Object> done;
      try {
        done = task.work().get();
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      done.onComplete(outcome -> {
        synchronized (this) {
          running--;
        }
        task.result().handle(outcome);
        startWaiting();
      });
    };
    if (task.context() == null) {
      run.run();
    } else {
      task.context().runOnContext(v -> run.run());
    }
  }
}
