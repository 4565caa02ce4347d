package verticles.gateway;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import verticles.common.Failure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of every API route: records the endpoint's failure shape, refuses a query
 * string with a malformed percent-escape as a bad parameter, and, on routes with a body, keeps
 * the body arriving at a minimum rate ({@link BodyRate}); a body slower than that answers 408 and
 * the connection is closed.
 */
final class RequestChecks implements PlatformHandler {
  /**
   * The minimum rate of the request bodies of one gateway instance: at least
   * {@code bytesPerSecond}, measured over each window of each body. One sweep, every quarter of a
   * window, for all bodies in progress; none per request.
   */
  static final class BodyRate {
    private final long bytesPerSecond;
    private final long windowNanos;
    private final long perWindow;
    private final Set<Body> bodies = new HashSet<>();

    /** A body in progress: how many bytes it had at the start of its current window. */
    private static final class Body {
      final RoutingContext ctx;
      long windowStart = System.nanoTime();
      long bytesAtStart;

      Body(RoutingContext ctx) {
        this.ctx = ctx;
        this.bytesAtStart = ctx.request().bytesRead();
      }
    }

    BodyRate(Vertx vertx, long bytesPerSecond, long windowMs) {
      this.bytesPerSecond = bytesPerSecond;
      this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMs);
      this.perWindow = bytesPerSecond * windowMs / 1000;
      vertx.setPeriodic(Math.max(10, windowMs / 4), id -> sweep());
    }

    void watch(RoutingContext ctx) {
      if (ctx.request().isEnded()) {
        return;
      }
      Body body = new Body(ctx);
      bodies.add(body);
      ctx.addEndHandler(ended -> bodies.remove(body));
    }

    private void sweep() {
      long now = System.nanoTime();
      List<Body> slow = new ArrayList<>();
      bodies.removeIf(body -> body.ctx.request().isEnded());
      for (Body body : bodies) {
        if (now - body.windowStart >= windowNanos) {
          long read = body.ctx.request().bytesRead();
          if (read - body.bytesAtStart < perWindow) {
            slow.add(body);
          }
          body.windowStart = now;
          body.bytesAtStart = read;
        }
      }
      for (Body body : slow) {
        bodies.remove(body);
        Envelope.refuse(body.ctx, 408, "the request body arrives too slowly (under " + bytesPerSecond + " bytes per second)");
      }
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
      bodyRate.watch(ctx);
    }
    ctx.next();
  }

}
