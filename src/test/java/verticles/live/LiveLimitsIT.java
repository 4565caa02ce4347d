package verticles.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.LiveClient;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live push's bounds on a whole node with small limits: sockets per user and per address
 * (HTTP 429 before the upgrade), videos per socket, operations per second, the outgoing rate
 * (the oldest waiting pushes dropped and counted) and the idle close of a client that never
 * answers the pings.
 */
class LiveLimitsIT extends OneNodePerClass {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private WebSocketClient client;

  @Override
  protected JsonObject settings() {
    return new JsonObject()
        .put(Setting.LIVE_SOCKETS_PER_USER.key(), 2)
        .put(Setting.LIVE_SOCKETS_PER_IP.key(), 6)
        .put(Setting.LIVE_WATCH_MAX.key(), 3)
        .put(Setting.LIVE_OPS_PER_SECOND.key(), 8)
        .put(Setting.LIVE_RATE_PER_SECOND.key(), 10)
        .put(Setting.LIVE_PENDING_MAX.key(), 3)
        .put(Setting.LIVE_PING_MS.key(), 200)
        .put(Setting.LIVE_IDLE_TIMEOUT_MS.key(), 1500);
  }

  @BeforeAll
  void client(Vertx vertx) {
    client = LiveClient.client(vertx, 64);
  }

  private static JsonObject live() {
    return api.get("/health").body().getJsonObject("live");
  }

  private static void awaitSockets(long n) {
    Poll.until(n + " live sockets on the node", WAIT, () -> live().getLong("sockets") == n);
  }

  @Test
  void socketsPerUserAndPerAddressAreCappedBeforeTheUpgrade() {
    awaitSockets(0);
    List<Account> users = List.of(Users.register(api, "cap_a"), Users.register(api, "cap_b"), Users.register(api, "cap_c"));
    Account fourth = Users.register(api, "cap_d");
    List<LiveClient> open = new ArrayList<>();
    try {
      open.add(LiveClient.open(client, app.port(), users.get(0).token()));
      open.add(LiveClient.open(client, app.port(), users.get(0).token()));
      assertEquals(429, LiveClient.refusal(client, app.port(), users.get(0).token(), null), "a third socket of one user");
      for (Account user : users.subList(1, 3)) {
        open.add(LiveClient.open(client, app.port(), user.token()));
        open.add(LiveClient.open(client, app.port(), user.token()));
      }
      assertEquals(429, LiveClient.refusal(client, app.port(), fourth.token(), null), "a seventh socket from one address");
      assertEquals(6, live().getLong("sockets"));
      open.remove(0).close();
      awaitSockets(5);
      open.add(LiveClient.open(client, app.port(), fourth.token()));
      assertEquals(429, LiveClient.refusal(client, app.port(), users.get(0).token(), null), "the address is full again");
    } finally {
      open.forEach(LiveClient::close);
    }
  }

  @Test
  void aSocketWatchesAtMostItsShareOfVideos() {
    Account watcher = Users.register(api, "watch_cap");
    List<Long> videos = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      videos.add(Videos.create(app, watcher.id()).id());
    }
    try (LiveClient live = LiveClient.open(client, app.port(), watcher.token())) {
      live.watch(videos.get(0));
      live.watch(videos.get(1));
      live.watch(videos.get(2));
      live.watch(videos.get(2));
      live.send(new JsonObject().put("op", "watch").put("video_id", videos.get(3)));
      JsonObject refused = live.await("the refusal", e -> e.getString("type").equals("error"));
      assertTrue(refused.getString("message").contains("at most 3 videos"), refused.toString());
      live.unwatch(videos.get(0));
      live.watch(videos.get(3));
    }
  }

  @Test
  void aSocketSendingMoreOperationsThanItsRateIsClosed() {
    long abusive = live().getLong("closed_abuse");
    Account flooder = Users.register(api, "flood");
    List<Long> videos = List.of(Videos.create(app, flooder.id()).id(), Videos.create(app, flooder.id()).id());
    try (LiveClient live = LiveClient.open(client, app.port(), flooder.token())) {
      for (int i = 0; i < 30 && !live.isClosed(); i++) {
        live.socket().writeTextMessage(new JsonObject().put("op", "watch").put("video_id", videos.get(i % 2)).encode());
      }
      live.awaitClosed();
      assertEquals((short) 1008, live.socket().closeStatusCode(), "policy violation: " + live.socket().closeReason());
      assertEquals(abusive + 1, live().getLong("closed_abuse"));
    }
  }

  @Test
  void pushesBeyondTheRateWaitAndTheOldestAreDroppedAndCounted() {
    Account sender = Users.register(api, "rate_sender");
    Account reader = Users.register(api, "rate_reader");
    long dropped = live().getLong("dropped");
    int sent = 40;
    try (LiveClient live = LiveClient.open(client, app.port(), reader.token())) {
      for (int i = 0; i < sent; i++) {
        assertEquals(0, api.post("/douyin/message/action/", "token", sender.token(), "to_user_id", Long.toString(reader.id()),
            "action_type", "1", "content", "m" + i).code());
      }
      live.await("the newest message", e -> e.getString("type").equals("message")
          && e.getJsonObject("message").getString("content").equals("m" + (sent - 1)));
      int received = live.all("message").size();
      long droppedNow = live().getLong("dropped") - dropped;
      assertTrue(droppedNow > 0, "a burst of " + sent + " at 10 a second with 3 waiting drops some");
      assertEquals(sent, received + droppedNow, "every push was written or counted as dropped");
      List<String> contents = live.all("message").stream().map(e -> e.getJsonObject("message").getString("content")).toList();
      List<Integer> order = contents.stream().map(c -> Integer.parseInt(c.substring(1))).toList();
      assertEquals(order.stream().sorted().toList(), order, "in order: " + contents);
    }
  }

  @Test
  void aClientThatNeverAnswersThePingsIsClosedAsIdle() throws IOException {
    long idle = live().getLong("closed_idle");
    Account user = Users.register(api, "idle");
    try (LiveClient answering = LiveClient.open(client, app.port(), Users.register(api, "answering").token());
         Socket silent = new Socket("127.0.0.1", app.port())) {
      silent.getOutputStream().write(("GET /douyin/live/?token=" + user.token() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      silent.setSoTimeout((int) WAIT.toMillis());
      InputStream in = silent.getInputStream();
      byte[] head = new byte[12];
      assertEquals(12, in.readNBytes(head, 0, 12));
      assertEquals("HTTP/1.1 101", new String(head, StandardCharsets.US_ASCII));
      // It reads what comes (the pings among it) but never answers, until the server closes.
      while (in.read() >= 0) {
        // keep reading
      }
      assertEquals(idle + 1, live().getLong("closed_idle"));
      assertTrue(!answering.isClosed(), "a client that answers the pings stays, opened before and past the idle timeout");
      answering.watch(Videos.create(app, user.id()).id());
    }
  }
}
