package verticles.support;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw HTTP/1.1 connection for tests of the transport itself (what a well-behaved client never
 * sends: trickled headers, stalled bodies, oversized lines). A reader thread collects everything
 * the server sends until it closes the connection, so a response that precedes a reset is kept.
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final CompletableFuture<byte[]> received = new CompletableFuture<>();
  private final ByteArrayOutputStream sofar = new ByteArrayOutputStream();

  public RawHttp(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread reader = new Thread(this::read, "raw-http-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** The server's answer: its status and its JSON body (null when it sent none). */
  public record Answer(int status, JsonObject body) {
  }

  private void read() {
    try (InputStream in = socket.getInputStream()) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (sofar) {
          sofar.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // A reset after the response: what was read is the answer.
    }
    synchronized (sofar) {
      received.complete(sofar.toByteArray());
    }
  }

  /** Whether a response head has arrived (the connection may stay open). */
  public boolean answered() {
    synchronized (sofar) {
      return sofar.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n");
    }
  }

  /** Sends {@code text} (ISO-8859-1, as HTTP heads are); false when the server has closed the connection. */
  public boolean send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public boolean send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the server has closed the connection. */
  public boolean closedByServer() {
    return received.isDone();
  }

  /** Waits until the server closes the connection, at most {@code timeout}; what it sent before, parsed. */
  public Answer awaitClose(Duration timeout) {
    byte[] bytes;
    try {
      bytes = received.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the server did not close the connection within " + timeout.toMillis() + " ms");
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  private static Answer parse(String text) {
    if (text.isEmpty()) {
      return new Answer(0, null);
    }
    int status = Integer.parseInt(text.substring(9, 12));
    int bodyStart = text.indexOf("\r\n\r\n");
    String body = bodyStart < 0 ? "" : text.substring(bodyStart + 4).trim();
    return new Answer(status, body.startsWith("{") ? new JsonObject(body) : null);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
