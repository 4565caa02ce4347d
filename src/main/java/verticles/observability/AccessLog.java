package verticles.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line per HTTP request on the {@code vertok.access} logger, when {@code access_log} is on:
 * method, path, query string with the {@code token} and {@code password} parameters masked, route
 * template, status, duration, response bytes and the caller's user id (0 without a valid token),
 * with the request's trace and span ids in the MDC when tracing is on. Tokens and passwords never
 * reach the log: the {@code Authorization} header is not logged and query secrets are masked.
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger("vertok.access");
  private static final String USER = "vertok.user_id";
  /** Parameter separators as the query decoder sees them. */
  private static final Pattern SEPARATOR = Pattern.compile("(?<=[&;])|(?=[&;])");
  private static final int MAX_QUERY = 1024;

  /** Records the caller of this request for its access-log line. */
  public static void user(RoutingContext ctx, long userId) {
    ctx.put(USER, userId);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    SpanContext span = Span.current().getSpanContext();
    ctx.addBodyEndHandler(v -> write(ctx, start, span));
    ctx.next();
  }

  private static void write(RoutingContext ctx, long start, SpanContext span) {
    HttpServerRequest request = ctx.request();
    long micros = (System.nanoTime() - start) / 1000;
    Long user = ctx.get(USER);
    boolean traced = span.isValid();
    if (traced) {
      MDC.put("trace_id", span.getTraceId());
      MDC.put("span_id", span.getSpanId());
    }
    try {
      log.info("{} {}{} route={} status={} duration_ms={} bytes={} user_id={}",
          request.method(), request.path(), maskedQuery(request.query()), route(ctx),
          ctx.response().getStatusCode(), micros / 1000.0, ctx.response().bytesWritten(), user == null ? 0 : user);
    } finally {
      if (traced) {
        MDC.remove("trace_id");
        MDC.remove("span_id");
      }
    }
  }

  /** The parameters never logged: the app sends register's and login's password in the query. */
  private static final Set<String> SECRETS = Set.of("token", "password");

  /**
   * The query string with its leading '?', every secret's value replaced by {@code ***}: a
   * parameter whose name decodes to {@link #SECRETS "token" or "password"} in any case
   * ({@code %74oken}, {@code PASSWORD}), and any parameter whose name cannot be decoded. Long
   * queries are cut.
   */
  static String maskedQuery(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    StringBuilder masked = new StringBuilder("?");
    for (String part : SEPARATOR.split(query)) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      masked.append(isSecret(name) ? name + "=***" : part);
      if (masked.length() > MAX_QUERY) {
        return masked.substring(0, MAX_QUERY) + "…";
      }
    }
    return masked.toString();
  }

  private static boolean isSecret(String name) {
    try {
      return SECRETS.contains(QueryStringDecoder.decodeComponent(name).trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException malformed) {
      return true;
    }
  }

  /** The template of the route that answered ({@code /douyin/feed/}), or "-" when none did (404). */
  static String route(RoutingContext ctx) {
    Route route = ctx.currentRoute();
    return route == null || route.getPath() == null ? "-" : route.getPath();
  }
}
