package verticles.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.LiveClient;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader that stops reading: its pushes pile up in the server's write queue until the bound,
 * then the server closes it (counted), while another reader of the same sender keeps getting
 * every push, in order. The node holds two sockets at most.
 */
class LiveStallIT extends OneNodePerClass {
  @Override
  protected JsonObject settings() {
    return new JsonObject()
        .put(Setting.LIVE_RATE_PER_SECOND.key(), 10_000)
        .put(Setting.LIVE_PENDING_MAX.key(), 10_000)
        .put(Setting.LIVE_WRITE_QUEUE_KB.key(), 8)
        .put(Setting.LIVE_SOCKETS_MAX.key(), 2);
  }

  @Test
  void aStalledReaderIsCutOffAndNobodyElseWaits(Vertx vertx) {
    Account sender = Users.register(api, "stall_sender");
    Account stalled = Users.register(api, "stall_stalled");
    Account reader = Users.register(api, "stall_reader");
    WebSocketClient small = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(4096));
    awaitNoSocket();
    String big = "弹".repeat(1024);
    try (LiveClient stuck = LiveClient.open(small, app.port(), stalled.token());
         LiveClient healthy = LiveClient.open(LiveClient.client(vertx, 4), app.port(), reader.token())) {
      stuck.socket().pause();
      List<String> toReader = new ArrayList<>();
      for (int i = 0; i < 1000 && api.get("/health").body().getJsonObject("live").getLong("closed_slow") == 0; i++) {
        assertEquals(0, send(sender, stalled, big).code());
        if (i % 10 == 0) {
          String content = "to the reader " + i;
          toReader.add(content);
          assertEquals(0, send(sender, reader, content).code());
        }
      }
      // Through a broker the pushes trail the sends: the cut comes once what was sent is pushed.
      Poll.until("the stalled reader to be cut off", Duration.ofSeconds(30),
          () -> api.get("/health").body().getJsonObject("live").getLong("closed_slow") == 1);
      healthy.await("the reader's last message", e -> e.getString("type").equals("message")
          && e.getJsonObject("message").getString("content").equals(toReader.get(toReader.size() - 1)));
      assertEquals(toReader, healthy.all("message").stream().map(e -> e.getJsonObject("message").getString("content")).toList(),
          "the other reader got every push, in order");
      stuck.socket().resume();
      stuck.awaitClosed();
      assertTrue(!healthy.isClosed());
      Poll.until("the stalled socket gone from the node", Duration.ofSeconds(20),
          () -> api.get("/health").body().getJsonObject("live").getLong("sockets") == 1);
    }
  }

  @Test
  void theNodeRefusesASocketBeyondItsMost(Vertx vertx) {
    WebSocketClient client = LiveClient.client(vertx, 4);
    awaitNoSocket();
    try (LiveClient first = LiveClient.open(client, app.port(), Users.register(api, "most_a").token());
         LiveClient second = LiveClient.open(client, app.port(), Users.register(api, "most_b").token())) {
      assertEquals(429, LiveClient.refusal(client, app.port(), Users.register(api, "most_c").token(), null));
      assertTrue(!first.isClosed() && !second.isClosed());
    }
  }

  private static void awaitNoSocket() {
    Poll.until("no socket left on the node", Duration.ofSeconds(20),
        () -> api.get("/health").body().getJsonObject("live").getLong("sockets") == 0);
  }

  private static verticles.support.Api.Reply send(Account from, Account to, String content) {
    return api.post("/douyin/message/action/", "token", from.token(), "to_user_id", Long.toString(to.id()),
        "action_type", "1", "content", content);
  }
}
