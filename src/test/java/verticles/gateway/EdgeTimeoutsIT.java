package verticles.gateway;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.OneNodePerClass;
import verticles.support.RawHttp;
import verticles.support.RawHttp.Answer;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection timeouts, with small values: an idle or stalled connection is closed, a request
 * head trickled byte by byte is closed at its deadline, a body slower than the minimum rate
 * answers 408, and a slow body above the rate goes through.
 */
class EdgeTimeoutsIT extends OneNodePerClass {
  private static final int IDLE_MS = 1200;
  private static final int HEADER_MS = 1500;
  private static final int RATE = 100;
  private static final int WINDOW_MS = 2000;
  /** Long enough for any of the timeouts under load; "forever" is what they replace. */
  private static final Duration CLOSED_WITHIN = Duration.ofSeconds(10);

  @Override
  protected JsonObject settings() {
    return new JsonObject()
        .put(Setting.HTTP_IDLE_TIMEOUT_MS.key(), IDLE_MS)
        .put(Setting.HTTP_HEADER_TIMEOUT_MS.key(), HEADER_MS)
        .put(Setting.HTTP_BODY_MIN_RATE.key(), RATE)
        .put(Setting.HTTP_BODY_RATE_WINDOW_MS.key(), WINDOW_MS);
  }

  private static void pause(long millis) {
    // The pacing of a slow client, not a wait for the server: the server's reaction is awaited.
    LockSupport.parkNanos(millis * 1_000_000L);
  }

  /** Sends {@code text} one piece every {@code everyMs} until it is sent or the server closes; whether it closed. */
  private static boolean trickle(RawHttp http, String text, int piece, long everyMs) {
    for (int i = 0; i < text.length(); i += piece) {
      if (!http.send(text.substring(i, Math.min(text.length(), i + piece))) || http.closedByServer()) {
        return true;
      }
      pause(everyMs);
    }
    return false;
  }

  /** The head of a login with a form body of {@code length} bytes; the server closes the connection after answering. */
  private static String loginHead(int length) {
    return "POST /douyin/user/login/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n\r\n";
  }

  @Test
  void anIdleConnectionIsClosed() {
    try (RawHttp http = new RawHttp(app.port())) {
      Answer answer = http.awaitClose(CLOSED_WITHIN);
      assertEquals(0, answer.status(), "closed without an answer");
    }
  }

  @Test
  void aStalledBodyIsClosedByTheIdleTimeout() {
    try (RawHttp http = new RawHttp(app.port())) {
      http.send(loginHead(100) + "username=");
      Answer answer = http.awaitClose(CLOSED_WITHIN);
      assertEquals(0, answer.status(), "the idle timeout (shorter than the rate window) closed it");
    }
  }

  @Test
  void aTrickledRequestHeadIsClosedAtItsDeadline() {
    try (RawHttp http = new RawHttp(app.port())) {
      String head = "GET /douyin/feed/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n";
      // A byte every 100 ms never lets the idle timeout fire: only the head deadline can close it.
      long start = System.nanoTime();
      assertTrue(trickle(http, head, 1, 100), "closed before the head was complete");
      assertTrue(System.nanoTime() - start >= HEADER_MS * 1_000_000L, "not before the deadline");
      assertEquals(0, http.awaitClose(CLOSED_WITHIN).status());
    }
  }

  @Test
  void aBodyBelowTheMinimumRateAnswers408AndTheConnectionIsClosed() {
    try (RawHttp http = new RawHttp(app.port())) {
      String body = "username=" + "a".repeat(991);
      http.send(loginHead(body.length()));
      // 10 bytes every 200 ms: 50 bytes per second, under the 100 of the settings.
      assertTrue(trickle(http, body, 10, 200), "closed before the body was complete");
      Answer answer = http.awaitClose(CLOSED_WITHIN);
      assertEquals(408, answer.status());
      assertEquals(408, answer.body().getInteger("status_code"));
      assertTrue(answer.body().getString("status_msg").contains("too slowly"), answer.body().encode());
      assertEquals(0L, answer.body().getLong("user_id"), "with the endpoint's fields");
    }
  }

  @Test
  void aSlowBodyAboveTheMinimumRateGoesThrough() {
    try (RawHttp http = new RawHttp(app.port())) {
      String body = "username=nobody&password=" + "p".repeat(1175);
      http.send(loginHead(body.length()));
      // 30 bytes every 100 ms (300 bytes per second) for two rate windows, with gaps far below
      // the idle timeout even when the machine is busy.
      assertFalse(trickle(http, body, 30, 100), "the server kept the connection");
      Answer answer = http.awaitClose(CLOSED_WITHIN);
      assertEquals(200, answer.status());
      assertTrue(answer.body().getString("status_msg").contains("password"), answer.body().encode());
      assertNull(answer.body().getValue("missing"));
    }
  }
}
