package verticles.relation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A node without the message domain: the friend list still answers, without the latest messages. */
class FriendListWithoutMessagesIT extends OneNodePerClass {
  @Override
  protected String roles() {
    return "gateway,user,relation";
  }

  @Test
  void friendListDegradesToNoMessage() {
    Account me = Users.register(api, "deg");
    Account friend = Users.register(api, "deg");
    for (Account[] pair : new Account[][] {{me, friend}, {friend, me}}) {
      Reply followed = api.post("/douyin/relation/action/", "token", pair[0].token(),
          "to_user_id", Long.toString(pair[1].id()), "action_type", "1");
      assertEquals(0, followed.code(), followed.toString());
    }
    Reply reply = api.get("/douyin/relation/friend/list/", "user_id", Long.toString(me.id()), "token", me.token());
    assertEquals(0, reply.code(), reply.toString());
    JsonArray list = reply.body().getJsonArray("user_list");
    assertEquals(1, list.size());
    JsonObject only = list.getJsonObject(0);
    assertEquals(friend.id(), only.getLong("id"));
    assertEquals(1, only.getLong("follower_count"));
    assertEquals("", only.getString("message"));
    assertEquals(0, only.getLong("msgType"));

    Reply send = api.post("/douyin/message/action/", "token", me.token(), "to_user_id", Long.toString(friend.id()),
        "action_type", "1", "content", "hello");
    assertEquals(503, send.status(), "a write to a missing domain is unavailable, not a 500");
  }
}
