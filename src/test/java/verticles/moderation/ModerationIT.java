package verticles.moderation;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static verticles.support.Api.assertFailure;

/**
 * The default moderation over HTTP: comments, danmaku and messages with a word of the built-in
 * list are refused with a clear message, however it is disguised, and nothing of them is kept;
 * text that only looks like such a word passes.
 */
class ModerationIT extends OneNodePerClass {
  private static Reply comment(Account who, Video video, String text) {
    return api.post("/douyin/comment/action/", "token", who.token(), "video_id", video.idParam(), "action_type", "1",
        "comment_text", text);
  }

  @Test
  void listedWordsAreRefusedEverywhereUsersWriteAndNothingIsStored() {
    Account author = Users.register(api, "mod_author");
    Account rude = Users.register(api, "mod_rude");
    Video video = Videos.create(app, author.id());

    assertFailure(comment(rude, video, "what a Ｆ.U.C.K.I.N.G video"), 400, "not allowed");
    assertFailure(comment(rude, video, "你是傻 逼"), 400, "not allowed");
    assertFailure(api.post("/douyin/danmaku/action/", "token", rude.token(), "video_id", video.idParam(),
        "content", "s h i t", "progress_ms", "0"), 400, "danmaku contains words that are not allowed");
    assertFailure(api.post("/douyin/message/action/", "token", rude.token(), "to_user_id", Long.toString(author.id()),
        "action_type", "1", "content", "you b1tch? no: you BITCH"), 400, "message contains words that are not allowed");

    Reply comments = api.get("/douyin/comment/list/", "video_id", video.idParam());
    assertEquals(0, comments.body().getJsonArray("comment_list").size(), "nothing refused was stored");
    JsonArray danmaku = api.get("/douyin/danmaku/list/", "video_id", video.idParam()).body().getJsonArray("danmaku_list");
    assertEquals(0, danmaku.size());
    Reply chat = api.get("/douyin/message/chat/", "token", author.token(), "to_user_id", Long.toString(rude.id()));
    assertEquals(0, chat.body().getJsonArray("message_list").size());
  }

  @Test
  void wordsThatOnlyContainAListedOnePass() {
    Account author = Users.register(api, "mod_clean");
    Video video = Videos.create(app, author.id());
    Reply posted = comment(author, video, "The assistant of our class plays bass: Scunthorpe's finest");
    assertEquals(0, posted.code(), posted.toString());
    assertEquals("The assistant of our class plays bass: Scunthorpe's finest",
        posted.body().getJsonObject("comment").getString("content"), "stored as written");
  }
}
