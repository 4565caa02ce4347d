package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Registers API routes: each path answers with and without its trailing slash (no redirect), and
 * POST routes parse url-encoded and multipart form bodies (small ones: publish has its own).
 */
final class Routes {
  /** Form bodies of the non-upload endpoints: comments and messages are at most a few KiB. */
  static final long FORM_LIMIT = 64 * 1024;

  private final Router router;

  Routes(Router router) {
    this.router = router;
  }

  void get(String path, Function<ApiRequest, Future<JsonObject>> action) {
    for (String p : variants(path)) {
      router.get(p).handler(Envelope.handler(action));
    }
  }

  void post(String path, Function<ApiRequest, Future<JsonObject>> action) {
    for (String p : variants(path)) {
      router.post(p).handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT)).handler(Envelope.handler(action));
    }
  }

  /** Both variants of a path, for routes that need handlers of their own (publish). */
  Route[] routes(HttpMethod method, String path) {
    return Arrays.stream(variants(path)).map(p -> router.route(method, p)).toArray(Route[]::new);
  }

  private static String[] variants(String path) {
    String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return new String[] {bare, bare + "/"};
  }
}
