package verticles.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Client load for failover tests: {@code connections} loops, each sending its next request as
 * soon as the previous one answered, until {@link #stop}; every request is recorded with when it
 * started and ended, whether it was a read, and whether it answered {@code status_code} 0.
 */
public final class Load {
  /** One request of the load: what, when (ms since the epoch), and whether it succeeded. */
  public record Call(String what, boolean read, long start, long end, boolean ok, String answer) {
  }

  /** The next request of a loop: what it is, whether it is a read, and how to send it. */
  public record Request(String what, boolean read, Supplier<Future<HttpResponse<Buffer>>> send) {
  }

  private final Vertx vertx;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Call> calls = new ArrayList<>();
  private final List<Future<Void>> loops = new ArrayList<>();

  private Load(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts {@code connections} loops, each asking {@code next} for its next request. */
  public static Load start(Vertx vertx, int connections, Supplier<Request> next) {
    Load load = new Load(vertx);
    for (int i = 0; i < connections; i++) {
      Promise<Void> done = Promise.promise();
      load.loops.add(done.future());
      vertx.runOnContext(v -> load.loop(next, done));
    }
    return load;
  }

  private void loop(Supplier<Request> next, Promise<Void> done) {
    if (!running.get()) {
      done.complete();
      return;
    }
    Request request = next.get();
    long start = System.currentTimeMillis();
    request.send().get().onComplete(ar -> {
      boolean ok = ar.succeeded() && ar.result().statusCode() == 200
          && ar.result().bodyAsJsonObject().getInteger("status_code", -1) == 0;
      String answer = ar.succeeded() ? ar.result().statusCode() + " " + ar.result().bodyAsString() : ar.cause().toString();
      synchronized (calls) {
        calls.add(new Call(request.what(), request.read(), start, System.currentTimeMillis(), ok, answer));
      }
      vertx.runOnContext(v -> loop(next, done));
    });
  }

  /** Stops sending and waits (up to 30 s) for the requests in flight. */
  public List<Call> stop() throws java.util.concurrent.TimeoutException {
    running.set(false);
    Future.join(loops).await(30, java.util.concurrent.TimeUnit.SECONDS);
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The calls so far (a copy). */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The failed calls among {@code calls} that are reads ({@code read}) or writes. */
  public static List<Call> failed(List<Call> calls, boolean read) {
    return calls.stream().filter(c -> !c.ok() && c.read() == read).toList();
  }

  /** Milliseconds between the first and the last answer of {@code failed} (how long users saw errors); 0 when none. */
  public static long errorSpanMs(List<Call> failed) {
    if (failed.isEmpty()) {
      return 0;
    }
    return failed.stream().mapToLong(Call::end).max().orElseThrow() - failed.stream().mapToLong(Call::end).min().orElseThrow();
  }
}
