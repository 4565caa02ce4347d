package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.function.Function;

/**
 * Registers API routes: each path answers with and without its trailing slash (no redirect), each
 * starts with the {@link RequestChecks} (its failure shape, the query, the body rate), and POST
 * routes parse url-encoded and multipart form bodies (small ones: publish has its own). GET
 * actions run within the read limit, POST actions within the caller's write limit ({@link Throttle}).
 */
final class Routes {
  /** Form bodies of the non-upload endpoints: comments and messages are at most a few KiB. */
  static final long FORM_LIMIT = 64 * 1024;

  private final Router router;
  private final RequestChecks.BodyRate bodyRate;
  private final Throttle throttle;

  Routes(Router router, RequestChecks.BodyRate bodyRate, Throttle throttle) {
    this.router = router;
    this.bodyRate = bodyRate;
    this.throttle = throttle;
  }

  void get(String path, ResponseShape shape, Function<ApiRequest, Future<JsonObject>> action) {
    route(HttpMethod.GET, path, shape, Envelope.handler(throttle.read(action)));
  }

  /** A GET route whose action answers the whole body already encoded ({@link Envelope#encodedHandler}). */
  void getEncoded(String path, ResponseShape shape, Function<ApiRequest, Future<Buffer>> action) {
    route(HttpMethod.GET, path, shape, Envelope.encodedHandler(throttle.read(action)));
  }

  void post(String path, ResponseShape shape, Function<ApiRequest, Future<JsonObject>> action) {
    route(HttpMethod.POST, path, shape, BodyHandler.create(false).setBodyLimit(FORM_LIMIT),
        Envelope.handler(throttle.write(action)));
  }

  /** A route of both variants of {@code path}: the checks, then {@code handlers} in order. */
  @SafeVarargs
  final void route(HttpMethod method, String path, ResponseShape shape, Handler<RoutingContext>... handlers) {
    RequestChecks checks = new RequestChecks(shape, method == HttpMethod.POST ? bodyRate : null);
    String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (String p : new String[] {bare, bare + "/"}) {
      var route = router.route(method, p).handler(checks);
      for (Handler<RoutingContext> handler : handlers) {
        route.handler(handler);
      }
    }
  }
}
