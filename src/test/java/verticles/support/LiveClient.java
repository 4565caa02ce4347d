package verticles.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real WebSocket client of {@code GET /douyin/live/} (Vert.x's WebSocketClient): it keeps every
 * event it receives, in order, and waits for conditions on them ({@link Poll}).
 */
public final class LiveClient implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final WebSocket ws;
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private LiveClient(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    ws.closeHandler(v -> closed = true);
  }

  /** A client of {@code vertx} for up to {@code sockets} sockets to one server. */
  public static WebSocketClient client(Vertx vertx, int sockets) {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(sockets));
  }

  /** The upgrade of {@code /douyin/live/?token=…} ({@code token} and {@code origin} may be null). */
  public static Future<WebSocket> connect(WebSocketClient client, int port, String token, String origin) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(token == null ? "/douyin/live/" : "/douyin/live/?token=" + token);
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    return client.connect(options);
  }

  /** A socket of {@code token}'s owner, once the server said it is ready (its messages reach it). */
  public static LiveClient open(WebSocketClient client, int port, String token) {
    return open(client, port, token, null);
  }

  /** {@link #open(WebSocketClient, int, String)} with an {@code Origin} header. */
  public static LiveClient open(WebSocketClient client, int port, String token, String origin) {
    // Listens from the upgrade on, on the socket's event loop: the server says ready at once.
    LiveClient live = connect(client, port, token, origin).map(LiveClient::new).await();
    live.await("ready", e -> e.getString("type").equals("ready"));
    return live;
  }

  /** The HTTP status that refused the upgrade. */
  public static int refusal(WebSocketClient client, int port, String token, String origin) {
    try {
      WebSocket ws = connect(client, port, token, origin).await();
      ws.close();
      throw new AssertionError("the upgrade was accepted");
    } catch (CompletionException | UpgradeRejectedException e) {
      Throwable cause = e instanceof CompletionException ? e.getCause() : e;
      if (cause instanceof UpgradeRejectedException rejected) {
        return rejected.getStatus();
      }
      throw e;
    }
  }

  public void send(JsonObject op) {
    ws.writeTextMessage(op.encode()).await();
  }

  public void sendText(String text) {
    ws.writeTextMessage(text).await();
  }

  /** Watches {@code videoId} and waits for the server's answer. */
  public void watch(long videoId) {
    send(new JsonObject().put("op", "watch").put("video_id", videoId));
    await("watching " + videoId, e -> e.getString("type").equals("watching") && e.getLong("video_id") == videoId);
  }

  public void unwatch(long videoId) {
    send(new JsonObject().put("op", "unwatch").put("video_id", videoId));
    await("unwatched " + videoId, e -> e.getString("type").equals("unwatched") && e.getLong("video_id") == videoId);
  }

  /** The first event received that matches {@code what}, waiting for it. */
  public JsonObject await(String description, Predicate<JsonObject> what) {
    return Poll.value(description, WAIT, () -> received.stream().filter(what).findFirst().orElse(null));
  }

  /** Every event received so far of {@code type}. */
  public List<JsonObject> all(String type) {
    return received.stream().filter(e -> type.equals(e.getString("type"))).toList();
  }

  public void awaitClosed() {
    Poll.until("the socket to close", WAIT, () -> closed);
  }

  public boolean isClosed() {
    return closed;
  }

  public WebSocket socket() {
    return ws;
  }

  @Override
  public void close() {
    if (!closed) {
      ws.close().await();
    }
  }
}
