package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Failure;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The Douyin JSON envelope: every response carries {@code status_code} (0 = success) and a
 * {@code status_msg}. Business failures answer HTTP 200 with a non-zero code (the app reads the
 * code); transport conditions (400 malformed body, 404 route, 405, 408, 413, 414, 429, 431, 503)
 * answer their real HTTP status and the same envelope. A failure also carries its endpoint's
 * fields at their zero values ({@link ResponseShape}). A 429 or 503 also says when to try again
 * ({@code Retry-After}). A read answered without some domain's fields says which
 * ({@link MissingFields}). Never an HTML page, never a stack trace.
 */
final class Envelope {
  /** What a refused request's client may still send, and for how long, before its connection is closed. */
  private static final long LINGER_BYTES = 64 * 1024;
  private static final long LINGER_MS = 1000;

  private static final Logger log = LoggerFactory.getLogger(Envelope.class);
  static final String JSON = "application/json; charset=utf-8";
  private static final String SHAPE = "vertok.responseShape";
  /** What a 429 or 503 tells its client to wait: the shortest time a shed queue or an open circuit needs to move. */
  static final String RETRY_AFTER_SECONDS = "1";

  private Envelope() {
  }

  /** Records which endpoint's fields a failure of this request carries. */
  static void shape(RoutingContext ctx, ResponseShape shape) {
    ctx.put(SHAPE, shape);
  }

  /** A route handler: computes the response fields, or fails with a {@link Failure}. */
  static Handler<RoutingContext> handler(Function<ApiRequest, Future<JsonObject>> action) {
    return respond(action, (request, fields) -> write(request.context(), 200, success(request.missing().mark(fields)).toBuffer()));
  }

  /** A route handler whose action answers the whole successful body, encoded ({@link #success}), or fails. */
  static Handler<RoutingContext> encodedHandler(Function<ApiRequest, Future<Buffer>> action) {
    return respond(action, (request, body) -> write(request.context(), 200, body));
  }

  private static <T> Handler<RoutingContext> respond(Function<ApiRequest, Future<T>> action, BiConsumer<ApiRequest, T> ok) {
    return ctx -> {
      ApiRequest request = new ApiRequest(ctx);
      Future<T> result;
      try {
        result = action.apply(request);
      } catch (Throwable t) {
        result = Future.failedFuture(t);
      }
      result.onComplete(ar -> {
        if (ar.succeeded()) {
          ok.accept(request, ar.result());
        } else {
          fail(ctx, ar.cause());
        }
      });
    };
  }

  /** The body of a success: the envelope, then {@code fields} (may be null). */
  static JsonObject success(JsonObject fields) {
    JsonObject body = new JsonObject().put("status_code", 0).put("status_msg", "success");
    return fields == null ? body : body.mergeIn(fields);
  }

  static void fail(RoutingContext ctx, Throwable cause) {
    Failure failure;
    if (cause instanceof Failure f) {
      failure = f;
    } else {
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
      failure = new Failure(500, "internal server error");
    }
    retryAfter(ctx, failure);
    write(ctx, httpStatus(failure.code()), failureBody(ctx, failure.code(), failure.getMessage()).toBuffer());
  }

  /** Failures of the transport itself (unknown route, wrong method, body too large). */
  static void transport(RoutingContext ctx, int status, String message) {
    write(ctx, status, failureBody(ctx, status, message).toBuffer());
  }

  /**
   * Refuses a request whose body may still be arriving (too slow, not authenticated, over a
   * limit): answers and closes the connection, so the rest of the body is never read.
   */
  static void refuse(RoutingContext ctx, Failure failure) {
    retryAfter(ctx, failure);
    refuse(ctx, httpStatus(failure.code()), failure.code(), failure.getMessage());
  }

  /** {@link #refuse(RoutingContext, Failure)} for a condition of the transport: its HTTP status is the code. */
  static void refuse(RoutingContext ctx, int status, String message) {
    refuse(ctx, status, status, message);
  }

  private static void refuse(RoutingContext ctx, int status, int code, String message) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    retryAfter(response, status);
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(HttpHeaders.CONNECTION, "close")
        .end(failureBody(ctx, code, message).toBuffer())
        .onComplete(done -> lingerThenClose(ctx));
  }

  /**
   * Closes the connection of a refused request once the client has had the chance to read the
   * answer: a client still sending its body (most do not read before they have sent it) would
   * otherwise see the connection reset instead of the answer. What it still sends is dropped, up
   * to {@link #LINGER_BYTES} or for {@link #LINGER_MS}, whichever comes first.
   */
  private static void lingerThenClose(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long timer = ctx.vertx().setTimer(LINGER_MS, id -> connection.close());
    long[] dropped = {0};
    request.handler(buffer -> {
      dropped[0] += buffer.length();
      if (dropped[0] > LINGER_BYTES) {
        connection.close();
      }
    });
    request.endHandler(ended -> {
      ctx.vertx().cancelTimer(timer);
      connection.close();
    });
    request.resume();
  }

  private static JsonObject failureBody(RoutingContext ctx, int code, String message) {
    JsonObject body = body(code, message);
    ResponseShape shape = ctx.get(SHAPE);
    return shape == null ? body : body.mergeIn(shape.zero());
  }

  static JsonObject body(int code, String message) {
    return new JsonObject().put("status_code", code).put("status_msg", message == null ? "failed" : message);
  }

  /** Which HTTP status carries a failure code: business failures ride on 200. */
  static int httpStatus(int code) {
    return switch (code) {
      case 408, 411, 413, 429, 503 -> code;
      default -> code >= 500 ? 500 : 200;
    };
  }

  private static void write(RoutingContext ctx, int status, Buffer body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    retryAfter(ctx.response(), status);
    ctx.response().setStatusCode(status).putHeader("content-type", JSON).end(body);
  }

  /** The failure's own time to try again, when it has one ({@link Failure#retryAfterSeconds}). */
  private static void retryAfter(RoutingContext ctx, Failure failure) {
    if (failure.retryAfterSeconds() > 0 && !ctx.response().headWritten()) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()));
    }
  }

  /** A 429 or 503 without a time of its own ({@link Failure#retryAfterSeconds}) says one second. */
  private static void retryAfter(HttpServerResponse response, int status) {
    if ((status == 429 || status == 503) && !response.headers().contains(HttpHeaders.RETRY_AFTER)) {
      response.putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
  }
}
