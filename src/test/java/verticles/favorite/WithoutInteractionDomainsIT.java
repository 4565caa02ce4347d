package verticles.favorite;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node without the favorite, comment, relation and message domains: reads that only add their
 * fields degrade to zero values and say which fields are missing; writes and the lists those
 * domains own answer 503 with a clear message.
 */
class WithoutInteractionDomainsIT extends OneNodePerClass {
  @Override
  protected String roles() {
    return "gateway,user,video";
  }

  @Test
  void readsDegradeToZeroValues() {
    Account author = Users.register(api, "deg_author");
    Video video = Videos.create(app, author.id());
    JsonObject shown = Videos.fromFeed(api, video, author.token());
    assertEquals(0L, shown.getLong("favorite_count"));
    assertEquals(0L, shown.getLong("comment_count"));
    assertFalse(shown.getBoolean("is_favorite"));
    assertEquals(1L, shown.getJsonObject("author").getLong("work_count"), "the video domain's fields are still there");
    JsonObject user = Videos.user(api, author.id());
    assertEquals(0L, user.getLong("favorite_count"));
    assertEquals(0L, user.getLong("total_favorited"));
    assertEquals(0L, user.getLong("follow_count"));
    assertEquals(0L, user.getLong("follower_count"));
    assertFalse(user.getBoolean("is_follow"));
  }

  @Test
  void aDegradedReadNamesTheMissingFieldsInsteadOfSayingSuccess() {
    Account author = Users.register(api, "deg_marked");
    Video video = Videos.create(app, author.id());
    Reply info = api.get("/douyin/user/", "user_id", Long.toString(author.id()));
    assertEquals(0, info.code(), "the read itself succeeds: " + info);
    assertTrue(info.message().contains("follow_count, follower_count, is_follow"), info.toString());
    assertTrue(info.message().contains("relation"), info.toString());
    assertTrue(info.message().contains("total_favorited"), info.toString());
    for (String token : new String[] {null, author.token()}) {
      Reply feed = token == null
          ? api.get("/douyin/feed/", "latest_time", Long.toString(video.createdAt() + 1))
          : api.get("/douyin/feed/", "token", token);
      assertEquals(0, feed.code(), feed.toString());
      assertTrue(feed.message().contains("comment_count"), feed.toString());
      assertTrue(feed.message().contains("is_favorite"), feed.toString());
    }
    Reply publishList = api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()));
    assertTrue(publishList.message().startsWith("partial answer"), publishList.toString());
  }

  @Test
  void writesAndTheirOwnListsFailFastWithAClearMessage() {
    Account author = Users.register(api, "deg_writer");
    Video video = Videos.create(app, author.id());
    assertUnavailable(api.post("/douyin/favorite/action/", "token", author.token(), "video_id", video.idParam(),
        "action_type", "1"), "favorite");
    assertUnavailable(api.post("/douyin/comment/action/", "token", author.token(), "video_id", video.idParam(),
        "action_type", "1", "comment_text", "hello"), "comment");
    assertUnavailable(api.post("/douyin/comment/action/", "token", author.token(), "video_id", video.idParam(),
        "action_type", "2", "comment_id", "1"), "comment");
    assertUnavailable(api.get("/douyin/favorite/list/", "user_id", Long.toString(author.id())), "favorite");
    assertUnavailable(api.get("/douyin/comment/list/", "video_id", video.idParam()), "comment");
    Account other = Users.register(api, "deg_other");
    String to = Long.toString(other.id());
    assertUnavailable(api.post("/douyin/relation/action/", "token", author.token(), "to_user_id", to, "action_type", "1"),
        "relation");
    assertUnavailable(api.get("/douyin/relation/follow/list/", "user_id", to), "relation");
    assertUnavailable(api.get("/douyin/relation/friend/list/", "token", author.token()), "relation");
    assertUnavailable(api.post("/douyin/message/action/", "token", author.token(), "to_user_id", to, "action_type", "1",
        "content", "hi"), "message");
    assertUnavailable(api.get("/douyin/message/chat/", "token", author.token(), "to_user_id", to), "message");
  }

  private static void assertUnavailable(Reply reply, String domain) {
    assertEquals(503, reply.status(), reply.toString());
    assertEquals(503, reply.code(), reply.toString());
    assertTrue(reply.message().contains("the " + domain + " service is unavailable"), reply.toString());
  }
}
