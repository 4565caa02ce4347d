package verticles.relation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import verticles.support.OneNodePerClass;
import verticles.support.Api.Reply;
import verticles.support.Api;
import verticles.support.Burst;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Follow, unfollow, the three lists and the follow fields of every User, over HTTP, on a whole node. */
class RelationApiIT extends OneNodePerClass {



  private static Reply relation(Account who, long to, String actionType) {
    return api.post("/douyin/relation/action/", "token", who.token(), "to_user_id", Long.toString(to), "action_type", actionType);
  }

  private static JsonObject user(long id, Account viewer) {
    Reply reply = viewer == null ? api.get("/douyin/user/", "user_id", Long.toString(id))
        : api.get("/douyin/user/", "user_id", Long.toString(id), "token", viewer.token());
    assertEquals(0, reply.code(), reply.toString());
    return reply.body().getJsonObject("user");
  }

  private static List<Long> ids(Reply reply) {
    assertEquals(0, reply.code(), reply.toString());
    JsonArray list = reply.body().getJsonArray("user_list");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ids.add(list.getJsonObject(i).getLong("id"));
    }
    return ids;
  }

  @Test
  void followIsIdempotentAndCountsFollow() {
    Account alice = Users.register(api, "ra");
    Account bob = Users.register(api, "rb");
    assertEquals(0, relation(alice, bob.id(), "1").code());
    assertEquals(0, relation(alice, bob.id(), "1").code(), "following twice is success");

    JsonObject bobSeenByAlice = user(bob.id(), alice);
    assertEquals(1, bobSeenByAlice.getLong("follower_count"), "counted once");
    assertEquals(0, bobSeenByAlice.getLong("follow_count"));
    assertTrue(bobSeenByAlice.getBoolean("is_follow"));
    assertFalse(user(bob.id(), null).getBoolean("is_follow"), "no token: not followed");
    assertEquals(1, user(alice.id(), bob).getLong("follow_count"));

    assertEquals(0, relation(alice, bob.id(), "2").code());
    assertEquals(0, relation(alice, bob.id(), "2").code(), "unfollowing what is not followed is success");
    JsonObject after = user(bob.id(), alice);
    assertEquals(0, after.getLong("follower_count"), "never negative");
    assertFalse(after.getBoolean("is_follow"));
    assertEquals(0, user(alice.id(), null).getLong("follow_count"));
  }

  @Test
  void listsAreNewestFirstWithCompleteUsersFromTheCallersView() {
    Account star = Users.register(api, "star");
    Account fan1 = Users.register(api, "fan");
    Account fan2 = Users.register(api, "fan");
    assertEquals(0, relation(fan1, star.id(), "1").code());
    assertEquals(0, relation(fan2, star.id(), "1").code());
    assertEquals(0, relation(star, fan2.id(), "1").code());

    List<Long> followers = ids(api.get("/douyin/relation/follower/list/", "user_id", Long.toString(star.id())));
    assertEquals(List.of(fan2.id(), fan1.id()), followers);
    Reply seenByStar = api.get("/douyin/relation/follower/list", "user_id", Long.toString(star.id()), "token", star.token());
    JsonArray list = seenByStar.body().getJsonArray("user_list");
    JsonObject first = list.getJsonObject(0);
    assertTrue(first.getBoolean("is_follow"), "the star follows fan2 back");
    assertFalse(list.getJsonObject(1).getBoolean("is_follow"));
    assertEquals(1, first.getLong("follow_count"));
    assertEquals(1, first.getLong("follower_count"));
    assertFalse(first.getString("name").isEmpty());
    assertTrue(first.getString("avatar").startsWith("http"));

    assertEquals(List.of(star.id()), ids(api.get("/douyin/relation/follow/list/", "user_id", Long.toString(fan1.id()))));
    String ghost = Long.toString(fan1.id() + 1_000_000);
    assertEquals(404, api.get("/douyin/relation/follow/list/", "user_id", ghost).code(), "an unknown user is not an empty list");
    assertEquals(404, api.get("/douyin/relation/follower/list/", "user_id", ghost).code());
    assertEquals(List.of(), ids(api.get("/douyin/relation/follower/list/", "user_id", Long.toString(fan1.id()))),
        "a user nobody follows has an empty list");
  }

  @Test
  void friendListHoldsMutualFollowsWithTheLatestMessage() {
    Account me = Users.register(api, "me");
    Account friend = Users.register(api, "friend");
    Account quiet = Users.register(api, "quiet");
    Account oneWay = Users.register(api, "oneway");
    for (Account other : List.of(friend, quiet)) {
      assertEquals(0, relation(me, other.id(), "1").code());
      assertEquals(0, relation(other, me.id(), "1").code());
    }
    assertEquals(0, relation(me, oneWay.id(), "1").code());
    send(me, friend, "hello there");
    send(friend, me, "hi back");

    Reply reply = api.get("/douyin/relation/friend/list/", "user_id", Long.toString(me.id()), "token", me.token());
    assertEquals(List.of(quiet.id(), friend.id()), ids(reply));
    JsonObject quietOne = reply.body().getJsonArray("user_list").getJsonObject(0);
    assertEquals("", quietOne.getString("message"));
    JsonObject friendOne = reply.body().getJsonArray("user_list").getJsonObject(1);
    assertEquals("hi back", friendOne.getString("message"));
    assertEquals(0, friendOne.getLong("msgType"), "received by the caller");
    assertTrue(friendOne.getBoolean("is_follow"));

    Reply theirs = api.get("/douyin/relation/friend/list/", "user_id", Long.toString(friend.id()), "token", friend.token());
    JsonObject meSeenByFriend = theirs.body().getJsonArray("user_list").getJsonObject(0);
    assertEquals("hi back", meSeenByFriend.getString("message"));
    assertEquals(1, meSeenByFriend.getLong("msgType"), "sent by the caller");
  }

  private static void send(Account from, Account to, String text) {
    Reply reply = api.post("/douyin/message/action/", "token", from.token(), "to_user_id", Long.toString(to.id()),
        "action_type", "1", "content", text);
    assertEquals(0, reply.code(), reply.toString());
  }

  @Test
  void badRelationRequestsFailClearlyAndChangeNothing() {
    Account alice = Users.register(api, "bad");
    Account bob = Users.register(api, "bad");

    Reply self = relation(alice, alice.id(), "1");
    assertEquals(400, self.code());
    assertTrue(self.message().contains("yourself"), self.message());
    Reply unfollowSelf = relation(alice, alice.id(), "2");
    assertEquals(400, unfollowSelf.code());
    assertTrue(unfollowSelf.message().contains("yourself"), unfollowSelf.message());
    for (String action : List.of("1", "2")) {
      Reply unknown = relation(alice, alice.id() + 1_000_000, action);
      assertEquals(404, unknown.code(), unknown.toString());
      assertTrue(unknown.message().contains("to_user_id"), unknown.message());
    }
    for (String action : List.of("0", "3", "x", "")) {
      Reply bad = relation(alice, bob.id(), action);
      assertEquals(400, bad.code(), bad.toString());
      assertEquals(200, bad.status());
      assertTrue(bad.message().contains("action_type"), bad.message());
    }
    Reply badId = api.post("/douyin/relation/action/", "token", alice.token(), "to_user_id", "abc", "action_type", "1");
    assertEquals(400, badId.code());
    assertTrue(badId.message().contains("to_user_id"), badId.message());
    Reply noToken = api.post("/douyin/relation/action/", "to_user_id", Long.toString(bob.id()), "action_type", "1");
    assertEquals(401, noToken.code(), noToken.toString());
    Reply forged = api.post("/douyin/relation/action/", "token", alice.token() + "x", "to_user_id", Long.toString(bob.id()),
        "action_type", "1");
    assertEquals(401, forged.code(), forged.toString());

    Reply othersFriends = api.get("/douyin/relation/friend/list/", "user_id", Long.toString(bob.id()), "token", alice.token());
    assertEquals(403, othersFriends.code(), othersFriends.toString());
    assertTrue(othersFriends.message().contains("user_id"), othersFriends.message());
    assertEquals(401, api.get("/douyin/relation/friend/list/", "user_id", Long.toString(bob.id())).code());
    assertEquals(400, api.get("/douyin/relation/follow/list/", "user_id", "1e3").code());

    assertEquals(0, user(alice.id(), null).getLong("follow_count"), "nothing changed");
    assertEquals(0, user(bob.id(), null).getLong("follower_count"));
    assertEquals(List.of(), ids(api.get("/douyin/relation/follow/list/", "user_id", Long.toString(alice.id()))));
  }

  @Test
  void theSameFollowFiredManyTimesAtOnceCountsOnce() {
    Account fan = Users.register(api, "burst");
    List<Account> stars = List.of(Users.register(api, "bs"), Users.register(api, "bs"));
    WebClient client = Burst.client(app, 32);
    try {
      Burst.assertAllSucceed(Burst.of(80, n -> {
        int i = n / 2;
        Account star = stars.get(n % 2);
        // The stars also follow the fan at the same time: counter rows are shared across directions.
        Account from = i % 4 == 3 ? star : fan;
        Account to = i % 4 == 3 ? fan : star;
        return client.post("/douyin/relation/action/").sendForm(Api.pairs("token", from.token(),
            "to_user_id", Long.toString(to.id()), "action_type", "1"));
      }));
    } finally {
      client.close();
    }
    for (Account who : List.of(fan, stars.get(0), stars.get(1))) {
      long follows = count("SELECT COUNT(*) AS n FROM follows WHERE follower_id = ?", who.id());
      long followers = count("SELECT COUNT(*) AS n FROM follows WHERE followee_id = ?", who.id());
      JsonObject user = user(who.id(), null);
      assertEquals(follows, user.getLong("follow_count"), "follow_count equals rows");
      assertEquals(followers, user.getLong("follower_count"), "follower_count equals rows");
      assertNotEquals(0, follows + followers);
    }
    assertEquals(2, user(fan.id(), null).getLong("follow_count"));
    assertEquals(2, user(fan.id(), null).getLong("follower_count"));
  }

  private static long count(String sql, long id) {
    Row row = app.node().database().query(sql, Tuple.of(id)).await().iterator().next();
    return row.getLong("n");
  }
}
