package verticles.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import verticles.support.Api.Reply;
import verticles.support.LiveClient;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live push on a whole node, with real WebSocket clients: the checks before the upgrade, watch
 * and unwatch, chat pushed to its receiver only and still returned by the chat poll, comments and
 * danmaku pushed to the watchers of their video only, and counts pushed after likes.
 */
class LiveIT extends OneNodePerClass {
  private WebSocketClient client;

  @BeforeAll
  void client(Vertx vertx) {
    client = LiveClient.client(vertx, 64);
  }

  private static Reply danmaku(Account who, Video video, String content) {
    return api.post("/douyin/danmaku/action/", "token", who.token(), "video_id", video.idParam(), "content", content,
        "progress_ms", "1000");
  }

  private static Reply comment(Account who, Video video, String text) {
    return api.post("/douyin/comment/action/", "token", who.token(), "video_id", video.idParam(), "action_type", "1",
        "comment_text", text);
  }

  private static Reply message(Account from, Account to, String content) {
    return api.post("/douyin/message/action/", "token", from.token(), "to_user_id", Long.toString(to.id()),
        "action_type", "1", "content", content);
  }

  private static java.util.function.Predicate<JsonObject> danmakuSaying(String content) {
    return e -> e.getString("type").equals("danmaku") && e.getJsonObject("danmaku").getString("content").equals(content);
  }

  @Test
  void theUpgradeIsRefusedWithoutAValidTokenOrFromAnotherOrigin() {
    Account user = Users.register(api, "live_auth");
    assertEquals(401, LiveClient.refusal(client, app.port(), null, null), "no token");
    assertEquals(401, LiveClient.refusal(client, app.port(), "not-a-token", null), "a bad token");
    String forged = user.token().substring(0, user.token().length() - 2) + "xx";
    assertEquals(401, LiveClient.refusal(client, app.port(), forged, null), "a forged signature");
    assertEquals(403, LiveClient.refusal(client, app.port(), user.token(), "http://evil.example"), "another origin");
    Reply plain = api.get("/douyin/live/", "token", user.token());
    assertEquals(400, plain.status(), "a request without the upgrade: " + plain);
    assertTrue(plain.message().contains("WebSocket"), plain.toString());

    try (LiveClient sameOrigin = LiveClient.open(client, app.port(), user.token(), "http://127.0.0.1:" + app.port())) {
      assertTrue(!sameOrigin.isClosed(), "the server's own origin may open a socket");
    }
    try (LiveClient live = LiveClient.open(client, app.port(), user.token())) {
      assertEquals(user.id(), live.all("ready").get(0).getLong("user_id"));
    }
  }

  @Test
  void danmakuAndCommentsReachTheWatchersOfTheirVideoOnly() {
    Account author = Users.register(api, "live_author");
    Account watcher = Users.register(api, "live_watcher");
    Account other = Users.register(api, "live_other");
    Video watched = Videos.create(app, author.id());
    Video elsewhere = Videos.create(app, author.id());
    try (LiveClient w = LiveClient.open(client, app.port(), watcher.token());
         LiveClient o = LiveClient.open(client, app.port(), other.token())) {
      w.watch(watched.id());
      o.watch(elsewhere.id());

      Reply posted = danmaku(author, watched, "前方高能 😀");
      assertEquals(0, posted.code(), posted.toString());
      JsonObject pushed = w.await("the danmaku", danmakuSaying("前方高能 😀"));
      assertEquals(posted.body().getJsonObject("danmaku"), pushed.getJsonObject("danmaku"), "the stored element, as the post answered it");

      Reply commented = comment(author, watched, "first! \"quoted\" <b>");
      assertEquals(0, commented.code(), commented.toString());
      JsonObject comment = w.await("the comment", e -> e.getString("type").equals("comment")).getJsonObject("comment");
      assertEquals(watched.id(), w.all("comment").get(0).getLong("video_id"));
      JsonObject answered = commented.body().getJsonObject("comment");
      assertEquals(answered.getLong("id"), comment.getLong("id"));
      assertEquals("first! \"quoted\" <b>", comment.getString("content"));
      assertEquals(answered.getString("create_date"), comment.getString("create_date"));
      assertEquals(author.id(), comment.getJsonObject("user").getLong("id"));
      assertEquals(author.name(), comment.getJsonObject("user").getString("name"));

      // The other video's watcher hears its own video's danmaku, posted after: nothing of the first video came before it.
      assertEquals(0, danmaku(author, elsewhere, "elsewhere").code());
      o.await("the other video's danmaku", danmakuSaying("elsewhere"));
      assertEquals(List.of(), o.all("comment"), "comments go to the watchers of their video only");
      assertEquals(1, o.all("danmaku").size(), "danmaku go to the watchers of their video only: " + o.all("danmaku"));

      w.unwatch(watched.id());
      w.watch(elsewhere.id());
      Account late = Users.register(api, "live_late");
      assertEquals(0, danmaku(late, watched, "after unwatch").code());
      assertEquals(0, danmaku(late, elsewhere, "still watched").code());
      w.await("the watched video's danmaku", danmakuSaying("still watched"));
      assertTrue(w.all("danmaku").stream().noneMatch(danmakuSaying("after unwatch")), "nothing after unwatch");
    }
  }

  @Test
  void aMessageIsPushedToItsReceiverOnlyAndTheChatPollStillReturnsItOnce() {
    Account sender = Users.register(api, "live_sender");
    Account receiver = Users.register(api, "live_receiver");
    Account bystander = Users.register(api, "live_bystander");
    try (LiveClient s = LiveClient.open(client, app.port(), sender.token());
         LiveClient r = LiveClient.open(client, app.port(), receiver.token());
         LiveClient r2 = LiveClient.open(client, app.port(), receiver.token());
         LiveClient b = LiveClient.open(client, app.port(), bystander.token())) {
      assertEquals(0, message(sender, receiver, "你好 \"there\"").code());
      JsonObject pushed = r.await("the message", e -> e.getString("type").equals("message")).getJsonObject("message");
      r2.await("the message on the receiver's second socket", e -> e.getString("type").equals("message"));
      assertEquals("你好 \"there\"", pushed.getString("content"));
      assertEquals(sender.id(), pushed.getLong("from_user_id"));
      assertEquals(receiver.id(), pushed.getLong("to_user_id"));

      // Barriers: each of the others then gets a message of its own, sent after.
      assertEquals(0, message(receiver, bystander, "to the bystander").code());
      assertEquals(0, message(receiver, sender, "to the sender").code());
      b.await("the bystander's own message", e -> e.getString("type").equals("message"));
      s.await("the sender's own message", e -> e.getString("type").equals("message"));
      assertEquals(List.of("to the bystander"), b.all("message").stream().map(e -> e.getJsonObject("message").getString("content")).toList());
      assertEquals(List.of("to the sender"), s.all("message").stream().map(e -> e.getJsonObject("message").getString("content")).toList());

      long time = pushed.getLong("create_time");
      JsonArray before = chat(receiver, sender, time - 1);
      assertEquals(pushed, before.getJsonObject(0), "the poll with an older pre_msg_time returns the pushed message as pushed");
      assertEquals(2, before.size(), "and the receiver's reply after it: " + before);
      JsonArray after = chat(receiver, sender, time);
      assertTrue(after.stream().noneMatch(m -> ((JsonObject) m).getLong("id").equals(pushed.getLong("id"))),
          "a client that holds it (pre_msg_time = its create_time) does not get it again: " + after);
    }
  }

  @Test
  void countsArePushedAfterLikesAndComments() {
    Account author = Users.register(api, "live_counted");
    Account fan = Users.register(api, "live_fan");
    Video video = Videos.create(app, author.id());
    try (LiveClient w = LiveClient.open(client, app.port(), author.token())) {
      w.watch(video.id());
      assertEquals(0, api.post("/douyin/favorite/action/", "token", fan.token(), "video_id", video.idParam(), "action_type", "1").code());
      JsonObject liked = w.await("counts after the like", e -> e.getString("type").equals("counts") && e.getLong("favorite_count") == 1);
      assertEquals(new JsonObject().put("type", "counts").put("video_id", video.id()).put("favorite_count", 1L).put("comment_count", 0L), liked);
      assertEquals(0, comment(fan, video, "nice").code());
      w.await("counts after the comment", e -> e.getString("type").equals("counts") && e.getLong("comment_count") == 1
          && e.getLong("favorite_count") == 1);
      assertEquals(0, api.post("/douyin/favorite/action/", "token", fan.token(), "video_id", video.idParam(), "action_type", "2").code());
      w.await("counts after the unlike", e -> e.getString("type").equals("counts") && e.getLong("favorite_count") == 0
          && e.getLong("comment_count") == 1);
    }
  }

  @Test
  void aVideoThatDoesNotExistCannotBeWatched() {
    Account user = Users.register(api, "live_nowhere");
    Video real = Videos.create(app, user.id());
    long missing = real.id() + 1_000_000;
    try (LiveClient live = LiveClient.open(client, app.port(), user.token())) {
      long registrations = api.get("/health").body().getJsonObject("live").getLong("video_registrations");
      live.send(new JsonObject().put("op", "watch").put("video_id", missing));
      JsonObject refused = live.await("the refusal", e -> e.getString("type").equals("error"));
      assertEquals("video " + missing + " does not exist", refused.getString("message"));
      // Asked again (the answer is kept): refused again, and no registration was made for it.
      live.send(new JsonObject().put("op", "watch").put("video_id", missing));
      Poll.until("a second refusal", Duration.ofSeconds(10), () -> live.all("error").size() == 2);
      // (Sockets of earlier tests may still be leaving: fewer, never more.)
      assertTrue(api.get("/health").body().getJsonObject("live").getLong("video_registrations") <= registrations,
          "no registration for a video that does not exist");
      live.watch(real.id());
      assertTrue(!live.isClosed(), "a refused watch does not close the socket");
    }
  }

  @Test
  void badOperationsAreAnsweredWithAnError() {
    Account user = Users.register(api, "live_ops");
    try (LiveClient live = LiveClient.open(client, app.port(), user.token())) {
      live.sendText("not json");
      live.send(new JsonObject().put("op", "dance").put("video_id", 1));
      live.send(new JsonObject().put("op", "watch").put("video_id", -3));
      live.send(new JsonObject().put("op", "watch").put("video_id", "abc"));
      Poll.until("four errors", Duration.ofSeconds(10), () -> live.all("error").size() == 4);
      assertTrue(live.all("error").get(0).getString("message").contains("JSON"), live.all("error").toString());
      assertTrue(live.all("error").get(1).getString("message").contains("op"), live.all("error").toString());
      assertTrue(live.all("error").get(2).getString("message").contains("video_id"), live.all("error").toString());
      assertTrue(!live.isClosed(), "a bad operation does not close the socket");
    }
  }

  private static JsonArray chat(Account me, Account peer, long preMsgTime) {
    Reply reply = api.get("/douyin/message/chat/", "token", me.token(), "to_user_id", Long.toString(peer.id()),
        "pre_msg_time", Long.toString(preMsgTime));
    assertEquals(0, reply.code(), reply.toString());
    return reply.body().getJsonArray("message_list");
  }
}
