package verticles.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bounds what a connection can hold: at most {@code perIp} open connections from one address on
 * this node (one more is closed at once), and a complete request head within
 * {@code headerTimeoutMs} of the connection opening or of its previous response ending (so a
 * client that trickles its headers, or keeps an unused connection, is closed). Idle connections
 * are closed by the server's idle timeout.
 *
 * <p>One guard per gateway instance (its HTTP server's event loop); the per-address counts are the
 * node's, shared by every instance.
 */
final class ConnectionGuard implements Handler<RoutingContext> {
  /** Open connections by remote address, for the whole node. */
  static final class Addresses {
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    boolean admit(String address, int max) {
      int[] count = {0};
      open.compute(address, (a, n) -> {
        count[0] = n == null ? 1 : n + 1;
        return count[0];
      });
      if (count[0] > max) {
        release(address);
        return false;
      }
      return true;
    }

    void release(String address) {
      open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** A connection's requests in progress and the timer that closes it if no request head arrives. */
  private static final class Watch {
    int active;
    long timer = -1;
  }

  private final Vertx vertx;
  private final Addresses addresses;
  private final int perIp;
  private final long headerTimeoutMs;
  private final Map<HttpConnection, Watch> watches = new HashMap<>();

  ConnectionGuard(Vertx vertx, Addresses addresses, int perIp, long headerTimeoutMs) {
    this.vertx = vertx;
    this.addresses = addresses;
    this.perIp = perIp;
    this.headerTimeoutMs = headerTimeoutMs;
  }

  /** The server's connection handler: admits or closes the connection, and starts its head deadline. */
  void connected(HttpConnection connection) {
    String address = connection.remoteAddress().hostAddress();
    if (!addresses.admit(address, perIp)) {
      connection.close();
      return;
    }
    Watch watch = new Watch();
    watches.put(connection, watch);
    arm(connection, watch);
    connection.closeHandler(closed -> {
      addresses.release(address);
      Watch gone = watches.remove(connection);
      if (gone != null) {
        vertx.cancelTimer(gone.timer);
      }
    });
  }

  /** The router's first handler: a request head arrived; the deadline restarts when its response ends. */
  @Override
  public void handle(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    Watch watch = watches.get(connection);
    if (watch != null) {
      watch.active++;
      vertx.cancelTimer(watch.timer);
      ctx.addEndHandler(ended -> {
        watch.active--;
        if (watch.active == 0 && watches.get(connection) == watch) {
          arm(connection, watch);
        }
      });
    }
    ctx.next();
  }

  private void arm(HttpConnection connection, Watch watch) {
    watch.timer = vertx.setTimer(headerTimeoutMs, id -> connection.close());
  }
}
