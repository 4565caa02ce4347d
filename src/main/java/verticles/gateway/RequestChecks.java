package verticles.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import verticles.common.Failure;

/**
 * The first handler of every API route: records the endpoint's failure shape, refuses a query
 * string with a malformed percent-escape as a bad parameter, and, on routes with a body, keeps
 * the body arriving at a minimum rate ({@link BodyRate}); a body slower than that answers 408 and
 * the connection is closed.
 */
final class RequestChecks implements PlatformHandler {
  /** The minimum rate of request bodies: at least {@code bytesPerSecond}, measured over each window. */
  record BodyRate(Vertx vertx, long bytesPerSecond, long windowMs) {
    long perWindow() {
      return bytesPerSecond * windowMs / 1000;
    }
  }

  private final ResponseShape shape;
  private final BodyRate bodyRate;

  /** @param bodyRate the rate a body must keep, or null on routes without a body */
  RequestChecks(ResponseShape shape, BodyRate bodyRate) {
    this.shape = shape;
    this.bodyRate = bodyRate;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Envelope.shape(ctx, shape);
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      // Netty's decoder refuses "%", "%zz" and the like; its message quotes the whole query.
      Envelope.fail(ctx, Failure.badRequest("the query string has a malformed percent-escape"));
      return;
    }
    if (bodyRate != null) {
      watchBody(ctx);
    }
    ctx.next();
  }

  private void watchBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      return;
    }
    long[] before = {request.bytesRead()};
    Vertx vertx = bodyRate.vertx();
    long timer = vertx.setPeriodic(bodyRate.windowMs(), id -> {
      if (request.isEnded() || ctx.response().ended()) {
        vertx.cancelTimer(id);
        return;
      }
      long read = request.bytesRead();
      if (read - before[0] < bodyRate.perWindow()) {
        vertx.cancelTimer(id);
        Envelope.refuse(ctx, 408, "the request body arrives too slowly (under " + bodyRate.bytesPerSecond()
            + " bytes per second)");
        return;
      }
      before[0] = read;
    });
    ctx.addEndHandler(ended -> vertx.cancelTimer(timer));
  }
}
