package verticles.support;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Many HTTP requests in flight at once, and checks of their envelopes (concurrency tests). */
public final class Burst {
  private Burst() {
  }

  /** A client of {@code app} with up to {@code connections} connections, for bursts. */
  public static WebClient client(TestApp app, int connections) {
    return WebClient.create(app.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.port()),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  /** Starts {@code n} requests without waiting for any. */
  public static List<Future<HttpResponse<Buffer>>> of(int n, IntFunction<Future<HttpResponse<Buffer>>> request) {
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      requests.add(request.apply(i));
    }
    return requests;
  }

  /** Waits for all (on the test thread) and asserts each answered {@code status_code} 0. */
  public static void assertAllSucceed(List<Future<HttpResponse<Buffer>>> requests) {
    Future.join(requests).await();
    for (var request : requests) {
      assertEquals(0, code(request), () -> request.succeeded() ? request.result().bodyAsString() : request.cause().toString());
    }
  }

  /** Completes when every request has answered {@code status_code} 0; fails as soon as one did not. */
  public static Future<Void> allSucceed(List<Future<HttpResponse<Buffer>>> requests) {
    return Future.all(requests.stream().map(request -> request.compose(response -> code(request) == 0
        ? Future.succeededFuture(response)
        : Future.failedFuture(new AssertionError("a request failed: " + response.bodyAsString())))).toList()).mapEmpty();
  }

  /** The envelope's {@code status_code}, or -1 when the request itself failed. */
  public static int code(Future<HttpResponse<Buffer>> request) {
    return request.succeeded() ? request.result().bodyAsJsonObject().getInteger("status_code") : -1;
  }
}
