package verticles.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  /** A connection's requests in progress, and since when it has had none. */
  private static final class Watch {
    int active;
    long idleSince = System.nanoTime();
  }

  private final Addresses addresses;
  private final int perIp;
  private final long headerTimeoutNanos;
  private final Map<HttpConnection, Watch> watches = new HashMap<>();

  /**
   * Starts the sweep that closes connections past their head deadline (every quarter of it, so
   * a deadline is kept within a quarter; one timer for all connections, none per request).
   */
  ConnectionGuard(Vertx vertx, Addresses addresses, int perIp, long headerTimeoutMs) {
    this.addresses = addresses;
    this.perIp = perIp;
    this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(headerTimeoutMs);
    vertx.setPeriodic(Math.max(10, headerTimeoutMs / 4), id -> sweep());
  }

  /** The server's connection handler: admits or closes the connection, and starts its head deadline. */
  void connected(HttpConnection connection) {
    String address = connection.remoteAddress().hostAddress();
    if (!addresses.admit(address, perIp)) {
      connection.close();
      return;
    }
    watches.put(connection, new Watch());
    connection.closeHandler(closed -> {
      addresses.release(address);
      watches.remove(connection);
    });
  }

  /** The router's first handler: a request head arrived; the deadline restarts when its response ends. */
  @Override
  public void handle(RoutingContext ctx) {
    Watch watch = watches.get(ctx.request().connection());
    if (watch != null) {
      watch.active++;
      ctx.addEndHandler(ended -> {
        watch.active--;
        watch.idleSince = System.nanoTime();
      });
    }
    ctx.next();
  }

  private void sweep() {
    long now = System.nanoTime();
    List<HttpConnection> late = new ArrayList<>();
    watches.forEach((connection, watch) -> {
      if (watch.active == 0 && now - watch.idleSince >= headerTimeoutNanos) {
        late.add(connection);
      }
    });
    late.forEach(HttpConnection::close);
  }
}
