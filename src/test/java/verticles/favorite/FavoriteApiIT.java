package verticles.favorite;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.support.Clocks;
import verticles.support.OneNodePerClass;
import verticles.support.Api.Reply;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static verticles.support.Api.assertFailure;

/** Like, unlike, the favorite list and the like counts in Videos and Users, over HTTP, on a whole node. */
class FavoriteApiIT extends OneNodePerClass {



  private static Reply action(Account who, Video video, String type) {
    return api.post("/douyin/favorite/action/", "token", who.token(), "video_id", video.idParam(), "action_type", type);
  }

  @Test
  void likeAndUnlikeAreIdempotentAndMoveEveryCount() {
    Account author = Users.register(api, "fav_author");
    Account fan = Users.register(api, "fav_fan");
    Video video = Videos.create(app, author.id());

    JsonObject before = Videos.fromFeed(api, video, fan.token());
    assertEquals(0L, before.getLong("favorite_count"));
    assertFalse(before.getBoolean("is_favorite"));

    assertEquals(0, action(fan, video, "1").code());
    assertEquals(0, action(fan, video, "1").code(), "a repeated like succeeds");
    JsonObject liked = Videos.fromFeed(api, video, fan.token());
    assertEquals(1L, liked.getLong("favorite_count"), "a repeated like counts once");
    assertTrue(liked.getBoolean("is_favorite"));
    assertFalse(Videos.fromFeed(api, video, author.token()).getBoolean("is_favorite"), "is_favorite is the viewer's");
    assertFalse(Videos.fromFeed(api, video, null).getBoolean("is_favorite"));
    assertEquals(1L, liked.getJsonObject("author").getLong("total_favorited"));
    assertEquals(1L, Videos.user(api, fan.id()).getLong("favorite_count"));
    assertEquals(0L, Videos.user(api, fan.id()).getLong("total_favorited"));
    assertEquals(1L, Videos.user(api, author.id()).getLong("total_favorited"));
    assertEquals(0L, Videos.user(api, author.id()).getLong("favorite_count"));

    assertEquals(0, action(fan, video, "2").code());
    assertEquals(0, action(fan, video, "2").code(), "a repeated unlike succeeds");
    JsonObject unliked = Videos.fromFeed(api, video, fan.token());
    assertEquals(0L, unliked.getLong("favorite_count"));
    assertFalse(unliked.getBoolean("is_favorite"));
    assertEquals(0L, Videos.user(api, fan.id()).getLong("favorite_count"));
    assertEquals(0L, Videos.user(api, author.id()).getLong("total_favorited"));
  }

  @Test
  void likingYourOwnVideoCountsOnBothSidesOfOneUser() {
    Account author = Users.register(api, "fav_self");
    Video video = Videos.create(app, author.id());
    assertEquals(0, action(author, video, "1").code());
    JsonObject user = Videos.user(api, author.id());
    assertEquals(1L, user.getLong("favorite_count"));
    assertEquals(1L, user.getLong("total_favorited"));
    assertEquals(0, action(author, video, "2").code());
    user = Videos.user(api, author.id());
    assertEquals(0L, user.getLong("favorite_count"));
    assertEquals(0L, user.getLong("total_favorited"));
  }

  @Test
  void theFavoriteListIsNewestLikeFirstWithCompleteVideos() {
    Account author = Users.register(api, "fav_list_author");
    Account fan = Users.register(api, "fav_list_fan");
    Video first = Videos.create(app, author.id());
    Video second = Videos.create(app, author.id());
    Video third = Videos.create(app, author.id());
    // Liked in the order second, third, first: the list shows them in reverse.
    for (Video v : new Video[] {second, third, first}) {
      assertEquals(0, action(fan, v, "1").code());
      // Likes in one millisecond share a time; the list orders by time, so let the clock move on.
      Clocks.awaitNextMillisecond();
    }
    Reply list = api.get("/douyin/favorite/list/", "user_id", Long.toString(fan.id()), "token", fan.token());
    assertEquals(0, list.code(), list.toString());
    JsonArray videos = list.body().getJsonArray("video_list");
    assertEquals(3, videos.size());
    assertEquals(first.id(), videos.getJsonObject(0).getLong("id"));
    assertEquals(third.id(), videos.getJsonObject(1).getLong("id"));
    assertEquals(second.id(), videos.getJsonObject(2).getLong("id"));
    for (int i = 0; i < videos.size(); i++) {
      JsonObject video = videos.getJsonObject(i);
      assertTrue(video.getBoolean("is_favorite"), "the owner sees their likes");
      assertEquals(1L, video.getLong("favorite_count"));
      assertEquals(0L, video.getLong("comment_count"));
      assertEquals(author.id(), video.getJsonObject("author").getLong("id"));
      assertEquals(3L, video.getJsonObject("author").getLong("total_favorited"));
      assertEquals(3L, video.getJsonObject("author").getLong("work_count"));
      assertTrue(video.getString("play_url").startsWith("http://"), video.encode());
    }
    Reply anonymous = api.get("/douyin/favorite/list", "user_id", Long.toString(fan.id()));
    assertFalse(anonymous.body().getJsonArray("video_list").getJsonObject(0).getBoolean("is_favorite"));
    Reply empty = api.get("/douyin/favorite/list/", "user_id", Long.toString(author.id()));
    assertEquals(new JsonArray(), empty.body().getJsonArray("video_list"));
  }

  @Test
  void badInputIsAClearFailureAndChangesNothing() {
    Account author = Users.register(api, "fav_bad_author");
    Account fan = Users.register(api, "fav_bad_fan");
    Video video = Videos.create(app, author.id());

    assertFailure(api.post("/douyin/favorite/action/", "token", fan.token(), "video_id", "987654321", "action_type", "1"),
        404, "video");
    assertFailure(action(fan, video, "3"), 400, "action_type");
    assertFailure(action(fan, video, "0"), 400, "action_type");
    assertFailure(action(fan, video, "like"), 400, "action_type");
    assertFailure(api.post("/douyin/favorite/action/", "token", fan.token(), "video_id", video.idParam()), 400, "action_type");
    for (String badId : new String[] {"abc", "-1", "0", "99999999999999999999", "1.5", ""}) {
      assertFailure(api.post("/douyin/favorite/action/", "token", fan.token(), "video_id", badId, "action_type", "1"),
          400, "video_id");
    }
    assertFailure(api.post("/douyin/favorite/action/", "video_id", video.idParam(), "action_type", "1"), 401, "token");
    assertFailure(api.post("/douyin/favorite/action/", "token", "not-a-jwt", "video_id", video.idParam(), "action_type", "1"),
        401, "token");
    assertFailure(api.post("/douyin/favorite/action/", "token", fan.token() + "x", "video_id", video.idParam(),
        "action_type", "1"), 401, "token");
    assertFailure(api.get("/douyin/favorite/list/", "user_id", "abc"), 400, "user_id");
    assertFailure(api.get("/douyin/favorite/list/"), 400, "user_id");
    assertFailure(api.get("/douyin/favorite/list/", "user_id", "987654321"), 404, "987654321");

    assertEquals(0L, Videos.fromFeed(api, video, null).getLong("favorite_count"));
    assertEquals(0L, Videos.user(api, fan.id()).getLong("favorite_count"));
    assertEquals(0L, Videos.count(app, "SELECT COUNT(*) FROM favorites WHERE user_id = ?", fan.id()));
  }
}
