package verticles.gateway;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.RawHttp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The cap on open connections from one address: one more is closed at once; a freed slot is usable again. */
class ConnectionCapIT extends OneNodePerClass {
  private static final int CAP = 3;

  @Override
  protected JsonObject settings() {
    return new JsonObject().put(Setting.HTTP_MAX_CONNECTIONS_PER_IP.key(), CAP);
  }

  private static int health() {
    try (RawHttp http = new RawHttp(app.port())) {
      http.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      return http.awaitClose(Duration.ofSeconds(5)).status();
    }
  }

  @Test
  void aConnectionOverTheCapIsClosedAtOnceAndAFreedSlotServesAgain() {
    List<RawHttp> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        RawHttp http = new RawHttp(app.port());
        held.add(http);
        // Answered, so admitted, and kept alive.
        http.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Poll.until("an answer on a held connection", Duration.ofSeconds(5), http::answered);
      }
      // The held ones are open connections; the next from the same address is refused.
      assertEquals(0, health(), "closed without an answer");
      held.forEach(http -> assertFalse(http.closedByServer(), "the connections under the cap stay open"));

      held.remove(0).close();
      Poll.until("a freed slot to serve a request", Duration.ofSeconds(10), () -> health() == 200);
    } finally {
      held.forEach(RawHttp::close);
    }
  }
}
