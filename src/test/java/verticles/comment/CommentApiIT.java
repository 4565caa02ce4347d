package verticles.comment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.support.OneNodePerClass;
import verticles.support.Api.Reply;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static verticles.support.Api.assertFailure;

/** Posting, deleting and listing comments and the comment_count of Videos, over HTTP, on a whole node. */
class CommentApiIT extends OneNodePerClass {



  private static Reply post(Account who, Video video, String text) {
    return api.post("/douyin/comment/action/", "token", who.token(), "video_id", video.idParam(),
        "action_type", "1", "comment_text", text);
  }

  private static Reply delete(Account who, Video video, long commentId) {
    return api.post("/douyin/comment/action/", "token", who.token(), "video_id", video.idParam(),
        "action_type", "2", "comment_id", Long.toString(commentId));
  }

  private static JsonArray list(Video video) {
    Reply reply = api.get("/douyin/comment/list/", "video_id", video.idParam());
    assertEquals(0, reply.code(), reply.toString());
    return reply.body().getJsonArray("comment_list");
  }

  private static long commentCount(Video video) {
    return Videos.fromFeed(api, video, null).getLong("comment_count");
  }

  @Test
  void postReturnsTheStoredCommentAndTheListIsNewestFirst() {
    Account author = Users.register(api, "c_author");
    Account fan = Users.register(api, "c_fan");
    Video video = Videos.create(app, author.id());

    String text = "  first line\nsecond 😀 \"quoted\" '; DROP TABLE comments;--  ";
    Reply posted = post(fan, video, text);
    assertEquals(0, posted.code(), posted.toString());
    JsonObject comment = posted.body().getJsonObject("comment");
    assertTrue(comment.getLong("id") > 0);
    assertEquals(text.strip(), comment.getString("content"), "stored exactly, without surrounding white space");
    assertEquals(fan.id(), comment.getJsonObject("user").getLong("id"));
    assertEquals(fan.name(), comment.getJsonObject("user").getString("name"));
    assertTrue(comment.getJsonObject("user").containsKey("total_favorited"));
    String today = DateTimeFormatter.ofPattern("MM-dd").withZone(app.config().timeZone()).format(Instant.now());
    assertEquals(today, comment.getString("create_date"));

    Reply second = post(author, video, "x".repeat(1024));
    assertEquals(0, second.code(), "1024 characters are allowed: " + second);
    assertEquals(0, post(fan, video, "😀".repeat(1024)).code(), "1024 emoji are 1024 characters");

    JsonArray comments = list(video);
    assertEquals(3, comments.size());
    assertEquals(second.body().getJsonObject("comment").getLong("id") + 1, comments.getJsonObject(0).getLong("id"));
    assertEquals(second.body().getJsonObject("comment").getLong("id"), comments.getJsonObject(1).getLong("id"));
    assertEquals(comment.getLong("id"), comments.getJsonObject(2).getLong("id"));
    assertEquals(comment, comments.getJsonObject(2));
    assertEquals(3L, commentCount(video));
    assertEquals(new JsonArray(), list(Videos.create(app, author.id())));
  }

  @Test
  void theCommentsAuthorAndTheVideosAuthorMayDeleteNobodyElse() {
    Account author = Users.register(api, "c_del_author");
    Account fan = Users.register(api, "c_del_fan");
    Account stranger = Users.register(api, "c_del_stranger");
    Video video = Videos.create(app, author.id());
    long byFan = post(fan, video, "by the fan").body().getJsonObject("comment").getLong("id");
    long another = post(fan, video, "another by the fan").body().getJsonObject("comment").getLong("id");
    assertEquals(2L, commentCount(video));

    Reply refused = delete(stranger, video, byFan);
    assertEquals(403, refused.code(), refused.toString());
    assertTrue(refused.message().contains("author"), refused.message());
    assertEquals(2L, commentCount(video));

    assertEquals(0, delete(fan, video, byFan).code());
    assertEquals(1L, commentCount(video));
    Reply again = delete(fan, video, byFan);
    assertEquals(404, again.code(), "an already deleted comment: " + again);
    assertTrue(again.message().contains("comment"), again.message());
    assertEquals(1L, commentCount(video));

    assertEquals(0, delete(author, video, another).code(), "the video's author may delete");
    assertEquals(0L, commentCount(video));
    assertEquals(new JsonArray(), list(video));
    assertEquals(0L, Videos.count(app, "SELECT COUNT(*) FROM comments WHERE video_id = ?", video.id()));
  }

  @Test
  void aCommentIdOfAnotherVideoFailsAndDeletesNothing() {
    Account author = Users.register(api, "c_other");
    Video mine = Videos.create(app, author.id());
    Video other = Videos.create(app, author.id());
    long onOther = post(author, other, "on the other video").body().getJsonObject("comment").getLong("id");
    Reply wrongVideo = delete(author, mine, onOther);
    assertEquals(404, wrongVideo.code(), wrongVideo.toString());
    assertTrue(wrongVideo.message().contains("does not exist on video " + mine.id()), wrongVideo.message());
    assertEquals(1L, commentCount(other));
    assertEquals(1, list(other).size());
    assertEquals(404, delete(author, mine, 987654321).code());
  }

  @Test
  void badInputIsAClearFailureAndChangesNothing() {
    Account author = Users.register(api, "c_bad");
    Video video = Videos.create(app, author.id());
    String unknown = "987654321";

    assertFailure(api.post("/douyin/comment/action/", "token", author.token(), "video_id", unknown, "action_type", "1",
        "comment_text", "hello"), 404, "video");
    assertFailure(api.get("/douyin/comment/list/", "video_id", unknown), 404, "video");
    assertFailure(post(author, video, ""), 400, "comment_text");
    assertFailure(post(author, video, " \n\t "), 400, "comment_text");
    assertFailure(post(author, video, "x".repeat(1025)), 400, "comment_text");
    assertFailure(post(author, video, "bell\u0007"), 400, "comment_text");
    assertFailure(api.post("/douyin/comment/action/", "token", author.token(), "video_id", video.idParam(),
        "action_type", "1"), 400, "comment_text");
    assertFailure(api.post("/douyin/comment/action/", "token", author.token(), "video_id", video.idParam(),
        "action_type", "3", "comment_text", "hello"), 400, "action_type");
    assertFailure(api.post("/douyin/comment/action/", "token", author.token(), "video_id", video.idParam(),
        "action_type", "2"), 400, "comment_id");
    assertFailure(api.post("/douyin/comment/action/", "token", author.token(), "video_id", video.idParam(),
        "action_type", "2", "comment_id", "abc"), 400, "comment_id");
    for (String badId : new String[] {"abc", "-5", "0", "99999999999999999999"}) {
      assertFailure(api.post("/douyin/comment/action/", "token", author.token(), "video_id", badId, "action_type", "1",
          "comment_text", "hello"), 400, "video_id");
      assertFailure(api.get("/douyin/comment/list/", "video_id", badId), 400, "video_id");
    }
    assertFailure(api.post("/douyin/comment/action/", "video_id", video.idParam(), "action_type", "1",
        "comment_text", "hello"), 401, "token");
    assertFailure(api.post("/douyin/comment/action/", "token", "forged.token.value", "video_id", video.idParam(),
        "action_type", "1", "comment_text", "hello"), 401, "token");

    assertEquals(0L, commentCount(video));
    assertEquals(0L, Videos.count(app, "SELECT COUNT(*) FROM comments WHERE video_id = ?", video.id()));
  }
}
