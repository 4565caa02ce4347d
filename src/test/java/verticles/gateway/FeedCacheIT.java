package verticles.gateway;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.Users;
import verticles.support.Videos;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The latest feed page is composed once and served again, yet a newly published video tops it at
 * once, and viewers with a token get their own is_favorite and is_follow and fresh like and follow
 * counts on it.
 */
class FeedCacheIT extends OneNodePerClass {
  /**
   * A time to live far longer than the test, so that only invalidation can refresh the page; one
   * gateway instance, because each instance keeps its own page.
   */
  @Override
  protected JsonObject settings() {
    return new JsonObject().put(Setting.FEED_CACHE_MS.key(), 600_000).put(Setting.GATEWAY_INSTANCES.key(), 1);
  }

  @Test
  void publishingRefreshesTheCachedPageAndTokenViewersGetTheirOwnFieldsOnIt() {
    Users.Account author = Users.register(api, "cached");
    Users.Account fan = Users.register(api, "fan");
    // A video created over the bus is announced to the gateway on its own way, at about the time
    // the reply reaches the test: when the announcement comes after the page was cached, it empties
    // the page again, and the like shows. Then the test goes again with a new video.
    AtomicReference<Videos.Video> liked = new AtomicReference<>();
    Poll.until("anonymous viewers to get the page cached before a like", Duration.ofSeconds(20), () -> {
      Videos.Video video = Videos.create(app, author.id());
      assertEquals(video.id(), top(null).getLong("id"));
      assertEquals(0, api.post("/douyin/favorite/action/", "token", fan.token(), "video_id", video.idParam(),
          "action_type", "1").code());
      liked.set(video);
      return top(null).getLong("favorite_count") == 0L;
    });
    Videos.Video first = liked.get();
    JsonObject fresh = top(fan.token());
    assertEquals(1L, fresh.getLong("favorite_count"), "a viewer with a token gets fresh likes on the cached page");
    assertEquals(true, fresh.getBoolean("is_favorite"));
    assertEquals(false, top(author.token()).getBoolean("is_favorite"), "each viewer's own");

    assertEquals(0, api.post("/douyin/relation/action/", "token", fan.token(), "to_user_id", Long.toString(author.id()),
        "action_type", "1").code());
    JsonObject followed = top(fan.token()).getJsonObject("author");
    assertEquals(true, followed.getBoolean("is_follow"), "and fresh follows of the authors");
    assertEquals(1L, followed.getLong("follower_count"));
    assertEquals(0L, top(null).getJsonObject("author").getLong("follower_count"), "the shared page is not changed");

    // The video is created over the bus, so its announcement reaches the gateway's event loop on
    // its own way, at about the time the reply reaches the test: wait for that, far inside the
    // page's ten minutes of life, which only invalidation can cut short.
    Videos.Video second = Videos.create(app, author.id());
    Poll.until("a new video to empty the cached page", Duration.ofSeconds(5),
        () -> top(null).getLong("id") == second.id());
    JsonObject firstNow = api.get("/douyin/feed/").body().getJsonArray("video_list").getJsonObject(1);
    assertEquals(first.id(), firstNow.getLong("id"));
    assertEquals(1L, firstNow.getLong("favorite_count"));
  }

  private static JsonObject top(String token) {
    Api.Reply feed = token == null ? api.get("/douyin/feed/") : api.get("/douyin/feed/", "token", token);
    assertEquals(0, feed.code(), feed.toString());
    return feed.body().getJsonArray("video_list").getJsonObject(0);
  }
}
