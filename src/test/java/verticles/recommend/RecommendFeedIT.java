package verticles.recommend;

import io.vertx.core.json.JsonArray;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recommended feed on a whole node ({@code feed_type=recommend}): its rules (no video twice to
 * a viewer, at most two per author per page, never the viewer's own or liked videos), the
 * cold-start pages of anonymous viewers, and a like or follow changing the viewer's next page as
 * soon as its event is applied (in-process, or through the broker in the services profile).
 */
class RecommendFeedIT extends OneNodePerClass {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int PAGE = 30;

  /** The gateway keeps the Videos it composed, as by default: the rules hold on pages made of kept ones. */
  @Override
  protected JsonObject settings() {
    return new JsonObject().put(Setting.FEED_CACHE_MS.key(), 60_000);
  }

  private static Reply recommended(String token, long latestTime) {
    List<String> params = new ArrayList<>(List.of("feed_type", "recommend", "latest_time", Long.toString(latestTime)));
    if (token != null) {
      params.addAll(List.of("token", token));
    }
    Reply reply = api.get("/douyin/feed/", params.toArray(String[]::new));
    assertEquals(0, reply.code(), reply.toString());
    return reply;
  }

  private static List<JsonObject> videos(Reply reply) {
    JsonArray list = reply.body().getJsonArray("video_list");
    List<JsonObject> videos = new ArrayList<>();
    list.forEach(v -> videos.add((JsonObject) v));
    return videos;
  }

  private static List<Long> ids(Reply reply) {
    return videos(reply).stream().map(v -> v.getLong("id")).toList();
  }

  /** Every page of the viewer's recommended feed until an empty one, checking the page rules on each. */
  private static List<Long> allPages(String token) {
    List<Long> seen = new ArrayList<>();
    long next = 0;
    for (int page = 0; page < 100; page++) {
      Reply reply = recommended(token, next);
      List<JsonObject> videos = videos(reply);
      if (videos.isEmpty()) {
        return seen;
      }
      assertTrue(videos.size() <= PAGE, reply.toString());
      Map<Long, Integer> perAuthor = new HashMap<>();
      videos.forEach(v -> perAuthor.merge(v.getJsonObject("author").getLong("id"), 1, Integer::sum));
      assertTrue(perAuthor.values().stream().allMatch(n -> n <= Ranker.AUTHOR_CAP), "at most two per author: " + perAuthor);
      videos.forEach(v -> seen.add(v.getLong("id")));
      next = reply.body().getLong("next_time");
    }
    throw new AssertionError("the recommended feed did not end in 100 pages");
  }

  private static void like(Account who, Video video) {
    Reply reply = api.post("/douyin/favorite/action/", "token", who.token(), "video_id", video.idParam(), "action_type", "1");
    assertEquals(0, reply.code(), reply.toString());
  }

  /** Waits until the recommend domain applied {@code sql} (one id argument) to a count of {@code count}. */
  private static void applied(String what, String sql, long id, long count) {
    Poll.until(what, WAIT, () -> Videos.count(app, sql, id) == count);
  }

  @Test
  void aViewerNeverSeesAVideoTwiceNorTheirOwnNorLikedAndAtMostTwoPerAuthorAPage() {
    Account viewer = Users.register(api, "rec_viewer");
    Account prolific = Users.register(api, "rec_prolific");
    List<Video> many = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      many.add(Videos.create(app, prolific.id()));
    }
    Video own = Videos.create(app, viewer.id());
    Video liked = Videos.create(app, Users.register(api, "rec_other").id());
    like(viewer, liked);
    applied("the like in the recommend domain", "SELECT COUNT(*) FROM rec_likes WHERE user_id = ?", viewer.id(), 1);

    List<Long> seen = allPages(viewer.token());
    assertEquals(seen.size(), new HashSet<>(seen).size(), "no video twice: " + seen);
    assertFalse(seen.contains(own.id()), "never the viewer's own video");
    assertFalse(seen.contains(liked.id()), "never a liked video");
    assertTrue(seen.containsAll(many.stream().map(Video::id).toList()),
        "the author's videos over the cap come on later pages: " + seen);
    assertEquals(List.of(), ids(recommended(viewer.token(), 0)), "everything was shown today");
  }

  @Test
  void anonymousViewersPageThroughHotAndNewVideos() {
    Account author = Users.register(api, "rec_cold");
    Video newest = Videos.create(app, author.id());
    Poll.until("the new video among the recommend domain's videos", WAIT,
        () -> Videos.count(app, "SELECT COUNT(*) FROM rec_videos WHERE video_id = ?", newest.id()) == 1);
    Poll.until("the new video on the first cold-start page", WAIT, () -> ids(recommended(null, 0)).contains(newest.id()));
    List<Long> all = allPages(null);
    assertEquals(all.size(), new HashSet<>(all).size(), "paging with next_time repeats nothing: " + all);
    assertEquals(ids(recommended(null, 0)), ids(recommended(null, System.currentTimeMillis())),
        "a latest_time that is a time is the first page");

    Account newcomer = Users.register(api, "rec_new");
    assertFalse(ids(recommended(newcomer.token(), 0)).isEmpty(), "a new user gets the cold-start page");
  }

  @Test
  void aLikeChangesTheViewersNextPage() {
    Account author = Users.register(api, "rec_author");
    Account earlier = Users.register(api, "rec_earlier");
    Account viewer = Users.register(api, "rec_liker");
    Video first = Videos.create(app, author.id());
    Video second = Videos.create(app, Users.register(api, "rec_author2").id());
    like(earlier, first);
    like(earlier, second);
    like(viewer, first);
    applied("the viewer's like", "SELECT COUNT(*) FROM rec_likes WHERE user_id = ?", viewer.id(), 1);
    List<Long> page = ids(recommended(viewer.token(), 0));
    assertEquals(second.id(), page.get(0), "the video liked together with the viewer's like comes first: " + page);
    assertFalse(page.contains(first.id()));
  }

  @Test
  void aFollowChangesTheViewersNextPage() {
    Account followed = Users.register(api, "rec_followed");
    Account viewer = Users.register(api, "rec_follower");
    Video video = Videos.create(app, followed.id());
    Reply reply = api.post("/douyin/relation/action/", "token", viewer.token(), "to_user_id", Long.toString(followed.id()),
        "action_type", "1");
    assertEquals(0, reply.code(), reply.toString());
    applied("the follow", "SELECT COUNT(*) FROM rec_follows WHERE follower_id = ?", viewer.id(), 1);
    assertEquals(video.id(), ids(recommended(viewer.token(), 0)).get(0), "the followed author's new video comes first");
  }

  @Test
  void anUnknownFeedTypeFailsNamingTheTypes() {
    Reply reply = api.get("/douyin/feed/", "feed_type", "magic");
    assertEquals(400, reply.code(), reply.toString());
    assertEquals("feed_type must be one of latest, hot, recommend", reply.message());
  }
}
