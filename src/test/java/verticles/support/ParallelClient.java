package verticles.support;

import io.vertx.core.Future;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** An HTTP client for firing many API requests at once (up to 32 connections), without blocking. */
public final class ParallelClient implements AutoCloseable {
  private final WebClient client;

  public ParallelClient(TestApp app) {
    this.client = WebClient.create(app.vertx(),
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.port()),
        new PoolOptions().setHttp1MaxSize(32));
  }

  /** POSTs a form (name, value, …) and completes with the reply; it must be a success envelope. */
  public Future<Api.Reply> post(String path, String... params) {
    return client.post(path).sendForm(Api.pairs(params)).map(Api::reply).compose(reply -> reply.code() == 0
        ? Future.succeededFuture(reply) : Future.failedFuture(new AssertionError(path + " failed: " + reply)));
  }

  @Override
  public void close() {
    client.close();
  }
}
