package verticles.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;
import verticles.support.OneNodePerClass;
import verticles.support.Api.Reply;
import verticles.support.Api;
import verticles.support.Burst;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sending messages and polling a chat as the app does, over HTTP, on a whole node. */
class MessageApiIT extends OneNodePerClass {



  private static Reply send(Account from, long to, String content) {
    return api.post("/douyin/message/action/", "token", from.token(), "to_user_id", Long.toString(to),
        "action_type", "1", "content", content);
  }

  private static JsonArray chat(Account me, Account with, long after) {
    Reply reply = api.get("/douyin/message/chat/", "token", me.token(), "to_user_id", Long.toString(with.id()),
        "pre_msg_time", Long.toString(after));
    assertEquals(0, reply.code(), reply.toString());
    return reply.body().getJsonArray("message_list");
  }

  @Test
  void chatHoldsBothDirectionsOldestFirstAfterPreMsgTime() {
    Account alice = Users.register(api, "ma");
    Account bob = Users.register(api, "mb");
    String text = "  héllo 😀 'quotes' \"; DROP TABLE messages; --\nline two  ";
    assertEquals(0, send(alice, bob.id(), text).code());
    assertEquals(0, send(bob, alice.id(), "back").code());

    JsonArray all = chat(alice, bob, 0);
    assertEquals(2, all.size());
    JsonObject first = all.getJsonObject(0);
    assertEquals(text.strip(), first.getString("content"), "stored exactly, trimmed");
    assertEquals(alice.id(), first.getLong("from_user_id"));
    assertEquals(bob.id(), first.getLong("to_user_id"));
    JsonObject second = all.getJsonObject(1);
    assertEquals(bob.id(), second.getLong("from_user_id"));
    assertTrue(second.getLong("create_time") > first.getLong("create_time"));
    assertTrue(first.getLong("create_time") > 1_600_000_000_000L, "milliseconds");
    assertEquals(all, chat(bob, alice, 0), "both participants see the same conversation");

    JsonArray after = chat(alice, bob, first.getLong("create_time"));
    assertEquals(1, after.size());
    assertEquals("back", after.getJsonObject(0).getString("content"));
    assertEquals(0, chat(alice, bob, second.getLong("create_time")).size());
    Reply absent = api.get("/douyin/message/chat/", "token", alice.token(), "to_user_id", Long.toString(bob.id()));
    assertEquals(2, absent.body().getJsonArray("message_list").size(), "no pre_msg_time: from the beginning");

    Account stranger = Users.register(api, "mc");
    assertEquals(0, chat(stranger, alice, 0).size(), "a third user sees only their own conversation");
  }

  @Test
  void badMessageRequestsFailClearlyAndChangeNothing() {
    Account alice = Users.register(api, "mbad");
    Account bob = Users.register(api, "mbad");
    Reply self = send(alice, alice.id(), "me");
    assertEquals(400, self.code());
    assertTrue(self.message().contains("yourself"), self.message());
    Reply unknown = send(alice, bob.id() + 1_000_000, "hello");
    assertEquals(404, unknown.code());
    assertTrue(unknown.message().contains("to_user_id"), unknown.message());
    for (String content : List.of("", "   \n ", "x".repeat(1025))) {
      Reply bad = send(alice, bob.id(), content);
      assertEquals(400, bad.code(), bad.toString());
      assertTrue(bad.message().contains("content"), bad.message());
    }
    assertEquals(0, send(alice, bob.id(), "😀".repeat(1024)).code(), "1024 characters, not bytes");
    Reply missing = api.post("/douyin/message/action/", "token", alice.token(), "to_user_id", Long.toString(bob.id()),
        "action_type", "1");
    assertEquals(400, missing.code());
    for (String action : List.of("2", "0", "send")) {
      Reply bad = api.post("/douyin/message/action/", "token", alice.token(), "to_user_id", Long.toString(bob.id()),
          "action_type", action, "content", "hi");
      assertEquals(400, bad.code(), bad.toString());
      assertTrue(bad.message().contains("action_type"), bad.message());
    }
    Reply noToken = api.post("/douyin/message/action/", "to_user_id", Long.toString(bob.id()), "action_type", "1",
        "content", "hi");
    assertEquals(401, noToken.code());
    Reply badToken = api.get("/douyin/message/chat/", "token", "not-a-token", "to_user_id", Long.toString(bob.id()));
    assertEquals(401, badToken.code());

    Reply selfChat = api.get("/douyin/message/chat/", "token", alice.token(), "to_user_id", Long.toString(alice.id()));
    assertEquals(400, selfChat.code());
    assertTrue(selfChat.message().contains("yourself"), selfChat.message());
    for (String time : List.of("yesterday", "1.5", "-1")) {
      Reply bad = api.get("/douyin/message/chat/", "token", alice.token(), "to_user_id", Long.toString(bob.id()),
          "pre_msg_time", time);
      assertEquals(400, bad.code(), bad.toString());
      assertEquals(200, bad.status());
      assertTrue(bad.message().contains("pre_msg_time"), bad.message());
    }
    JsonArray stored = chat(alice, bob, 0);
    assertEquals(1, stored.size(), "only the valid message was stored");
  }

  /**
   * Two users exchange many messages at once while a poller follows the app's protocol: ask for
   * what is newer than the newest create_time it holds, again and again, until it has them all.
   * Its view must be exactly the messages sent, each once, in the conversation's order.
   */
  @Test
  void aPollerSeesEveryMessageOnceInOrderWhileMessagesAreSent() {
    Account alice = Users.register(api, "poll");
    Account bob = Users.register(api, "poll");
    int total = 300;
    Set<String> sent = new HashSet<>();
    List<JsonObject> seen = new ArrayList<>();
    WebClient client = Burst.client(app, 32);
    try {
      Future<?> allSent = Burst.allSucceed(Burst.of(total, i -> {
        Account from = i % 2 == 0 ? alice : bob;
        Account to = i % 2 == 0 ? bob : alice;
        String content = "message " + i;
        sent.add(content);
        return client.post("/douyin/message/action/").sendForm(Api.pairs("token", from.token(), "to_user_id",
            Long.toString(to.id()), "action_type", "1", "content", content));
      }));
      long newest = 0;
      long deadline = System.nanoTime() + 120_000_000_000L;
      // Polls until every send has answered and the poller holds as many messages as were sent.
      while (!(allSent.isComplete() && seen.size() >= total) && System.nanoTime() < deadline) {
        JsonArray page = chat(alice, bob, newest);
        for (int i = 0; i < page.size(); i++) {
          JsonObject message = page.getJsonObject(i);
          assertTrue(message.getLong("create_time") > newest, "strictly newer than what the poller holds");
          newest = message.getLong("create_time");
          seen.add(message);
        }
        if (allSent.failed()) {
          throw new AssertionError("a send failed", allSent.cause());
        }
      }
      allSent.await();
    } finally {
      client.close();
    }
    Set<String> contents = new HashSet<>();
    Set<Long> ids = new HashSet<>();
    seen.forEach(m -> {
      contents.add(m.getString("content"));
      ids.add(m.getLong("id"));
    });
    assertEquals(total, seen.size(), "every message seen exactly once");
    assertEquals(total, ids.size(), "no duplicate");
    assertEquals(sent, contents, "the poller's view equals the messages sent");
    assertEquals(new JsonArray(List.copyOf(seen)), chat(bob, alice, 0), "the same order as a full read");
  }
}
