package verticles.live;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live sockets of one gateway event loop: which of them need which address, the fan-out of
 * what the {@link LiveHub} hands over, the sockets whose pushes wait for their rate, and the
 * heartbeat. Everything here runs on the event loop that owns the sockets, so nothing is shared.
 */
public final class LiveChannel {
  /** How often pushes waiting for their rate are written. */
  private static final long DRAIN_MS = 50;

  private final Vertx vertx;
  private final Context context;
  private final LiveHub hub;
  private final Map<String, Set<LiveSocket>> needs = new HashMap<>();
  private final Set<LiveSocket> sockets = new HashSet<>();
  private final Set<LiveSocket> backlogged = new LinkedHashSet<>();
  private final WatchableVideos videos;
  private final long drainTimer;
  private final long heartbeatTimer;

  /** A channel on the calling verticle's context. */
  public LiveChannel(Vertx vertx, LiveHub hub) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.hub = hub;
    this.videos = new WatchableVideos(hub.videoExists());
    this.drainTimer = vertx.setPeriodic(DRAIN_MS, id -> drain());
    this.heartbeatTimer = vertx.setPeriodic(hub.limits().pingMs(), id -> heartbeat());
  }

  public LiveLimits limits() {
    return hub.limits();
  }

  /**
   * Serves {@code ws}, the upgraded socket of {@code userId} (token already checked); {@code closed}
   * runs once when it closes, however it closes.
   */
  public void open(ServerWebSocket ws, long userId, Runnable closed) {
    LiveSocket socket = new LiveSocket(this, ws, userId, hub.stats);
    sockets.add(socket);
    hub.stats.open.incrementAndGet();
    ws.closeHandler(v -> {
      socket.gone();
      sockets.remove(socket);
      backlogged.remove(socket);
      socket.addresses().forEach(address -> leave(socket, address));
      hub.stats.open.decrementAndGet();
      closed.run();
    });
    socket.start();
  }

  /** Closes every socket (the gateway stops). */
  public void close() {
    vertx.cancelTimer(drainTimer);
    vertx.cancelTimer(heartbeatTimer);
    List.copyOf(sockets).forEach(s -> s.close(LiveSocket.GOING_AWAY, "the server is stopping", null));
  }

  WatchableVideos videos() {
    return videos;
  }

  void run(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  /** {@code socket} needs {@code address}; {@code registered} runs once the node's registration for it is in the cluster. */
  void join(LiveSocket socket, String address, Runnable registered, Runnable failed) {
    needs.computeIfAbsent(address, a -> new HashSet<>()).add(socket);
    hub.join(this, address, done -> {
      if (done.succeeded()) {
        registered.run();
      } else {
        failed.run();
      }
    });
  }

  void leave(LiveSocket socket, String address) {
    Set<LiveSocket> set = needs.get(address);
    if (set != null && set.remove(socket)) {
      if (set.isEmpty()) {
        needs.remove(address);
      }
      hub.leave(this, address);
    }
  }

  /** From the hub: {@code text} for every socket of this channel that needs {@code address}. */
  void deliver(String address, String text) {
    run(() -> {
      Set<LiveSocket> set = needs.get(address);
      if (set != null) {
        for (LiveSocket socket : new ArrayList<>(set)) {
          socket.push(text);
        }
      }
    });
  }

  void backlogged(LiveSocket socket) {
    backlogged.add(socket);
  }

  private void drain() {
    if (backlogged.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    backlogged.removeIf(socket -> socket.drain(now));
  }

  private void heartbeat() {
    long now = System.nanoTime();
    new ArrayList<>(sockets).forEach(socket -> socket.heartbeat(now));
  }
}
