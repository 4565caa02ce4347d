package verticles.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import verticles.common.Failure;
import verticles.live.LiveChannel;
import verticles.live.LiveLimits;

import java.util.Locale;

/**
 * {@code GET /douyin/live/} (the contract's Extensions, docs/realtime.md): refuses before the
 * upgrade, with the envelope and the HTTP status, a request that is no WebSocket upgrade (400),
 * comes from an origin not allowed (403), has no valid token (401), or would pass the node's
 * sockets, its sockets per address or per user (429); else upgrades and hands the socket to the event loop's
 * {@link LiveChannel}. The counts of sockets per address and per user are the node's.
 */
final class LiveRoutes {
  /** The node's open live sockets: all of them (one key), by remote address and by user. */
  record Counts(ConnectionGuard.Addresses all, ConnectionGuard.Addresses byAddress, ConnectionGuard.Addresses byUser) {
    private static final String NODE = "node";

    Counts() {
      this(new ConnectionGuard.Addresses(), new ConnectionGuard.Addresses(), new ConnectionGuard.Addresses());
    }
  }

  private final Gateway gateway;
  private final LiveChannel channel;
  private final Counts counts;

  LiveRoutes(Gateway gateway, LiveChannel channel, Counts counts) {
    this.gateway = gateway;
    this.channel = channel;
    this.counts = counts;
  }

  void mount(Router router) {
    router.get("/douyin/live").handler(this::upgrade);
    router.get("/douyin/live/").handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    LiveLimits limits = channel.limits();
    if (!request.canUpgradeToWebSocket()) {
      Envelope.transport(ctx, 400, "GET /douyin/live/ opens a WebSocket: the request must ask for the upgrade");
      return;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (!allowed(origin, request, limits)) {
      Envelope.transport(ctx, 403, "origin " + origin + " may not open a live socket");
      return;
    }
    // The handshake completes at the request's end: held until the checks are done.
    request.pause();
    gateway.caller(new ApiRequest(ctx)).onComplete(checked -> {
      if (checked.failed()) {
        Failure failure = checked.cause() instanceof Failure f ? f : new Failure(500, "internal server error");
        refuse(ctx, failure.code(), failure.getMessage());
        return;
      }
      String address = request.remoteAddress().hostAddress();
      String user = Long.toString(checked.result());
      if (!counts.all().admit(Counts.NODE, limits.socketsMax())) {
        refuse(ctx, 429, "this node holds its most live sockets (" + limits.socketsMax() + "), try again later");
        return;
      }
      if (!counts.byAddress().admit(address, limits.socketsPerIp())) {
        counts.all().release(Counts.NODE);
        refuse(ctx, 429, "at most " + limits.socketsPerIp() + " live sockets from one address");
        return;
      }
      if (!counts.byUser().admit(user, limits.socketsPerUser())) {
        counts.all().release(Counts.NODE);
        counts.byAddress().release(address);
        refuse(ctx, 429, "at most " + limits.socketsPerUser() + " live sockets per user");
        return;
      }
      Runnable release = () -> {
        counts.all().release(Counts.NODE);
        counts.byAddress().release(address);
        counts.byUser().release(user);
      };
      request.toWebSocket().onComplete(upgraded -> {
        if (upgraded.succeeded()) {
          channel.open(upgraded.result(), checked.result(), release);
        } else {
          release.run();
        }
      });
    });
  }

  /** Answers a refused upgrade whose request was held for the checks. */
  private static void refuse(RoutingContext ctx, int status, String message) {
    ctx.request().resume();
    Envelope.transport(ctx, status, message);
  }

  /**
   * No {@code Origin} (not a browser: nothing to forge for), the request's own host, or one of
   * {@code live_origins} ({@code *}: any).
   */
  private static boolean allowed(String origin, HttpServerRequest request, LiveLimits limits) {
    if (origin == null || limits.origins().contains(LiveLimits.ANY_ORIGIN) || limits.origins().contains(origin)) {
      return true;
    }
    String host = request.getHeader(HttpHeaders.HOST);
    int scheme = origin.indexOf("://");
    return host != null && scheme > 0 && origin.substring(scheme + 3).toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
  }
}
