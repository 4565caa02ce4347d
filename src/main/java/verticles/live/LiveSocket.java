package verticles.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live socket (docs/realtime.md): the client's {@code watch}/{@code unwatch} operations, the
 * pushes for it at its rate (those beyond wait, at most {@code live_pending_max}, the oldest
 * dropped and counted), and its bounds: a socket whose unwritten bytes pass {@code live_write_queue_kb}
 * is closed as too slow, one that sends more operations than {@code live_ops_per_second} or
 * anything but JSON text is closed, and one silent (no frame, no pong) for {@code live_idle_timeout_ms}
 * is closed as idle. Runs on its {@link LiveChannel}'s event loop only.
 */
final class LiveSocket {
  static final short NORMAL = 1000;
  static final short GOING_AWAY = 1001;
  static final short UNSUPPORTED = 1003;
  static final short POLICY = 1008;
  static final short TRY_AGAIN_LATER = 1013;

  private final LiveChannel channel;
  private final ServerWebSocket ws;
  private final long userId;
  private final LiveStats stats;
  private final LiveLimits limits;
  private final Set<Long> watched = new HashSet<>();
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private final Bucket pushes;
  private final Bucket ops;
  private long lastHeard = System.nanoTime();
  private boolean closed;

  LiveSocket(LiveChannel channel, ServerWebSocket ws, long userId, LiveStats stats) {
    this.channel = channel;
    this.ws = ws;
    this.userId = userId;
    this.stats = stats;
    this.limits = channel.limits();
    this.pushes = new Bucket(limits.ratePerSecond());
    this.ops = new Bucket(limits.opsPerSecond());
  }

  /** Listens to the client and registers for the user's messages; {@code ready} tells the client once that is done. */
  void start() {
    ws.setWriteQueueMaxSize(limits.writeQueueBytes());
    ws.textMessageHandler(this::operation);
    ws.binaryMessageHandler(b -> close(UNSUPPORTED, "only JSON text messages are understood", stats.closedAbuse));
    ws.pongHandler(p -> lastHeard = System.nanoTime());
    ws.exceptionHandler(e -> close(POLICY, "protocol error", null));
    channel.join(this, LiveAddresses.user(userId),
        () -> reply(new JsonObject().put("type", "ready").put("user_id", userId)),
        () -> close(TRY_AGAIN_LATER, "the live push is unavailable, try again later", null));
  }

  /** The addresses this socket needs: its user's and its videos'. */
  List<String> addresses() {
    List<String> addresses = new ArrayList<>();
    addresses.add(LiveAddresses.user(userId));
    watched.forEach(id -> addresses.add(LiveAddresses.video(id)));
    return addresses;
  }

  /** A push for this socket: written now when its rate allows and none waits, else queued (bounded, the oldest dropped). */
  void push(String text) {
    if (closed) {
      return;
    }
    if (pending.isEmpty() && pushes.take(System.nanoTime())) {
      write(text);
      return;
    }
    if (pending.size() >= limits.pendingMax()) {
      pending.poll();
      stats.dropped.incrementAndGet();
    }
    pending.add(text);
    channel.backlogged(this);
  }

  /** Writes what waits as far as the rate allows; true when nothing waits any more. */
  boolean drain(long now) {
    while (!closed && !pending.isEmpty() && pushes.take(now)) {
      write(pending.poll());
    }
    return closed || pending.isEmpty();
  }

  /** Pings, or closes a socket silent for longer than the idle timeout. */
  void heartbeat(long now) {
    if (closed) {
      return;
    }
    if (now - lastHeard > TimeUnit.MILLISECONDS.toNanos(limits.idleTimeoutMs())) {
      close(NORMAL, "idle: no frame nor pong for " + limits.idleTimeoutMs() + " ms", stats.closedIdle);
      return;
    }
    ws.writePing(Buffer.buffer());
    closeIfStalled();
  }

  /** The connection is closed (by either side): nothing is written nor joined from now on. */
  void gone() {
    closed = true;
    pending.clear();
  }

  void close(short code, String reason, AtomicLong counted) {
    if (closed) {
      return;
    }
    closed = true;
    pending.clear();
    if (counted != null) {
      counted.incrementAndGet();
    }
    ws.close(code, reason);
  }

  private void operation(String text) {
    lastHeard = System.nanoTime();
    if (closed) {
      return;
    }
    if (!ops.take(lastHeard)) {
      close(POLICY, "more than " + limits.opsPerSecond() + " operations a second", stats.closedAbuse);
      return;
    }
    JsonObject op;
    try {
      op = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error("a message must be a JSON object such as {\"op\":\"watch\",\"video_id\":1}");
      return;
    }
    long videoId = op.getValue("video_id") instanceof Integer || op.getValue("video_id") instanceof Long
        ? ((Number) op.getValue("video_id")).longValue() : 0;
    String name = op.getValue("op") instanceof String s ? s : "";
    if (!name.equals("watch") && !name.equals("unwatch")) {
      error("op must be watch or unwatch");
    } else if (videoId <= 0) {
      error("video_id must be a positive integer");
    } else if (name.equals("watch")) {
      watch(videoId);
    } else {
      unwatch(videoId);
    }
  }

  private void watch(long videoId) {
    if (watched.contains(videoId)) {
      reply(new JsonObject().put("type", "watching").put("video_id", videoId));
      return;
    }
    if (watched.size() >= limits.watchMax()) {
      error("a socket watches at most " + limits.watchMax() + " videos; unwatch one first");
      return;
    }
    channel.videos().exists(videoId).onComplete(known -> {
      if (closed) {
        return;
      }
      if (known.failed()) {
        error("video " + videoId + " cannot be watched now, try again later");
      } else if (!known.result()) {
        error("video " + videoId + " does not exist");
      } else if (watched.contains(videoId)) {
        reply(new JsonObject().put("type", "watching").put("video_id", videoId));
      } else if (watched.size() >= limits.watchMax()) {
        error("a socket watches at most " + limits.watchMax() + " videos; unwatch one first");
      } else {
        join(videoId);
      }
    });
  }

  /** Watches a video that exists: answered once the node's registration for it is in the cluster. */
  private void join(long videoId) {
    watched.add(videoId);
    channel.join(this, LiveAddresses.video(videoId),
        () -> reply(new JsonObject().put("type", "watching").put("video_id", videoId)),
        () -> {
          if (watched.remove(videoId)) {
            channel.leave(this, LiveAddresses.video(videoId));
          }
          error("video " + videoId + " cannot be watched now, try again later");
        });
  }

  private void unwatch(long videoId) {
    if (watched.remove(videoId)) {
      channel.leave(this, LiveAddresses.video(videoId));
    }
    reply(new JsonObject().put("type", "unwatched").put("video_id", videoId));
  }

  private void error(String message) {
    reply(new JsonObject().put("type", "error").put("message", message));
  }

  /** An answer to the client's own operation: written at once (operations have their own rate). */
  private void reply(JsonObject event) {
    if (!closed) {
      ws.writeTextMessage(event.encode());
      closeIfStalled();
    }
  }

  private void write(String text) {
    ws.writeTextMessage(text);
    stats.sent.incrementAndGet();
    closeIfStalled();
  }

  /** A client that does not read: its unwritten bytes passed the bound. It is closed, never waited for. */
  private void closeIfStalled() {
    if (!closed && ws.writeQueueFull()) {
      close(POLICY, "too slow: more than " + limits.writeQueueBytes() / 1024 + " KiB unread", stats.closedSlow);
    }
  }

  /** A token bucket: {@code perSecond} a second, as many at once. */
  private static final class Bucket {
    private final double perSecond;
    private double tokens;
    private long at = System.nanoTime();

    Bucket(int perSecond) {
      this.perSecond = perSecond;
      this.tokens = perSecond;
    }

    boolean take(long now) {
      tokens = Math.min(perSecond, tokens + (now - at) * perSecond / 1e9);
      at = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
