package verticles.recommend;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Api.Reply;
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

/** {@code recommend_default}: a viewer with a token who names no feed_type gets the recommended feed; anonymous viewers the latest. */
class RecommendDefaultIT extends OneNodePerClass {
  @Override
  protected JsonObject settings() {
    return new JsonObject().put(Setting.RECOMMEND_DEFAULT.key(), true);
  }

  private static List<Long> ids(Reply reply) {
    assertEquals(0, reply.code(), reply.toString());
    return reply.body().getJsonArray("video_list").stream().map(v -> ((JsonObject) v).getLong("id")).toList();
  }

  @Test
  void aViewerWithATokenGetsTheRecommendedFeedByDefault() {
    Account author = Users.register(api, "def_author");
    Video video = Videos.create(app, author.id());
    Account viewer = Users.register(api, "def_viewer");
    Poll.until("the video among the recommend domain's videos", Duration.ofSeconds(20),
        () -> Videos.count(app, "SELECT COUNT(*) FROM rec_videos WHERE video_id = ?", video.id()) == 1);

    assertEquals(List.of(video.id()), ids(api.get("/douyin/feed/")), "anonymous: the latest feed");
    assertEquals(List.of(video.id()), ids(api.get("/douyin/feed/", "token", viewer.token())),
        "a token: the recommended feed");
    assertTrue(ids(api.get("/douyin/feed/", "token", viewer.token())).isEmpty(),
        "the recommended feed shows nothing twice (the latest would show the video again)");
    assertEquals(List.of(video.id()), ids(api.get("/douyin/feed/", "token", viewer.token(), "feed_type", "latest")),
        "feed_type=latest still names the latest feed");
  }
}
