package verticles.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A tool's connection to an event-bus bridge: the TCP bridge (4-byte length + JSON frames) or the
 * SockJS bridge's raw WebSocket transport (one JSON frame per text message). Frames arrive in
 * order; {@link #next} waits for the next one.
 */
public final class BridgeClient implements AutoCloseable {
  private final Deque<JsonObject> received = new ArrayDeque<>();
  private final Deque<Promise<JsonObject>> waiting = new ArrayDeque<>();
  private final Consumer<JsonObject> writer;
  private final Runnable closer;
  private int sequence;
  private Buffer pending = Buffer.buffer();
  private final Promise<Void> closed = Promise.promise();

  private BridgeClient(Consumer<JsonObject> writer, Runnable closer) {
    this.writer = writer;
    this.closer = closer;
  }

  /** Connects to the TCP bridge on {@code port} of the loopback. */
  public static BridgeClient tcp(Vertx vertx, int port) {
    return tcp(vertx, port, new NetClientOptions());
  }

  /** Connects to the TCP bridge on {@code port} of the loopback with {@code options} (TLS, say). */
  public static BridgeClient tcp(Vertx vertx, int port, NetClientOptions options) {
    NetSocket socket = vertx.createNetClient(options).connect(port, "127.0.0.1").await();
    BridgeClient client = new BridgeClient(frame -> {
      Buffer body = frame.toBuffer();
      socket.write(Buffer.buffer().appendInt(body.length()).appendBuffer(body));
    }, socket::close);
    socket.closeHandler(v -> client.closed.tryComplete());
    socket.handler(client::tcpChunk);
    return client;
  }

  /** Connects to the SockJS bridge's WebSocket transport at {@code path} (…/websocket) on {@code port}. */
  public static BridgeClient sockJs(Vertx vertx, int port, String path) {
    WebSocketClient sockets = vertx.createWebSocketClient();
    WebSocket socket = sockets.connect(port, "localhost", path).await();
    BridgeClient client = new BridgeClient(frame -> socket.writeTextMessage(frame.encode()), () -> {
      socket.close();
      sockets.close();
    });
    socket.handler(data -> client.arrived(new JsonObject(data)));
    return client;
  }

  /** Frames of the TCP bridge: a 4-byte length, then that many bytes of JSON. */
  private void tcpChunk(Buffer chunk) {
    pending.appendBuffer(chunk);
    int read = 0;
    while (pending.length() - read >= 4 && pending.length() - read >= 4 + pending.getInt(read)) {
      int length = pending.getInt(read);
      arrived(new JsonObject(pending.getBuffer(read + 4, read + 4 + length)));
      read += 4 + length;
    }
    pending = pending.getBuffer(read, pending.length());
  }

  private synchronized void arrived(JsonObject frame) {
    Promise<JsonObject> first = waiting.poll();
    if (first != null) {
      first.complete(frame);
    } else {
      received.add(frame);
    }
  }

  /** The next frame to arrive (within 10 s). */
  public JsonObject next() {
    Future<JsonObject> next;
    synchronized (this) {
      JsonObject ready = received.poll();
      if (ready != null) {
        return ready;
      }
      Promise<JsonObject> promise = Promise.promise();
      waiting.add(promise);
      next = promise.future();
    }
    try {
      return next.timeout(10, TimeUnit.SECONDS).await();
    } catch (Exception e) {
      throw new AssertionError("no frame arrived within 10 s", e);
    }
  }

  /** Completes when the bridge closes the connection (TCP only). */
  public Future<Void> closed() {
    return closed.future();
  }

  /** Frames received and not yet taken by {@link #next}. */
  public synchronized int unread() {
    return received.size();
  }

  /** Sends one frame as it is. */
  public void send(JsonObject frame) {
    writer.accept(frame);
  }

  /** Sends {@code body} to {@code address} with {@code token} (none when null) and returns the frame that answers. */
  public JsonObject request(String address, JsonObject body, String token) {
    JsonObject frame = new JsonObject().put("type", "send").put("address", address)
        .put("replyAddress", "reply-" + (++sequence)).put("body", body);
    if (token != null) {
      frame.put("headers", new JsonObject().put("token", token));
    }
    writer.accept(frame);
    return next();
  }

  /** Signs in and returns the reply's body (with the token), failing the test when refused. */
  public JsonObject signIn(String name, String password) {
    JsonObject reply = request("bridge.login", new JsonObject().put("name", name).put("password", password), null);
    if (reply.getJsonObject("body") == null || !reply.getJsonObject("body").containsKey("token")) {
      throw new AssertionError("sign-in refused: " + reply.encode());
    }
    return reply.getJsonObject("body");
  }

  @Override
  public void close() {
    closer.run();
  }
}
