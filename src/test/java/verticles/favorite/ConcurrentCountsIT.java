package verticles.favorite;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import verticles.support.Api;
import verticles.support.Burst;
import verticles.support.BurstNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counters against the rows they count under concurrency: the same like from many connections at
 * once, interleaved like/unlike bursts of many users, and repeated concurrent deletes of one
 * comment, and a big V's storm (many users liking one hot video at once). Counts are read through
 * the API and compared with {@code COUNT(*)} of the rows.
 */
class ConcurrentCountsIT extends BurstNodePerClass {
  /** More than the counters' slots (CounterSlots.SLOTS), so that every slot is written at once. */
  private static final int STORM_FANS = 80;

  @Test
  void theSameLikeFromManyConnectionsCountsOnce() {
    Account author = Users.register(api, "cc_author");
    Account fan = Users.register(api, "cc_fan");
    Video video = Videos.create(app, author.id());

    Burst.assertAllSucceed(Burst.of(CONNECTIONS, i -> favorite(fan, video, 1)));
    assertCounts(List.of(video), List.of(author, fan));
    assertEquals(1L, Videos.fromFeed(api, video, null).getLong("favorite_count"));

    Burst.assertAllSucceed(Burst.of(CONNECTIONS, i -> favorite(fan, video, 2)));
    assertCounts(List.of(video), List.of(author, fan));
    assertEquals(0L, Videos.fromFeed(api, video, null).getLong("favorite_count"));
  }

  @Test
  void interleavedLikeAndUnlikeBurstsOfManyUsersKeepEveryCountEqualToTheRows() {
    List<Account> users = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      users.add(Users.register(api, "cc_burst"));
    }
    // Two authors who are also likers (a like of one's own video moves both counts of one user).
    List<Video> videos = List.of(Videos.create(app, users.get(0).id()), Videos.create(app, users.get(0).id()),
        Videos.create(app, users.get(1).id()), Videos.create(app, users.get(2).id()));
    Random random = new Random(42);
    for (int round = 0; round < 4; round++) {
      List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        Account who = users.get(random.nextInt(users.size()));
        Video video = videos.get(random.nextInt(videos.size()));
        requests.add(favorite(who, video, random.nextBoolean() ? 1 : 2));
      }
      Burst.assertAllSucceed(requests);
      assertCounts(videos, users);
    }
  }

  /**
   * More fans than the counters have slots like one hot video at once: a read sent after n likes
   * were answered shows at least n (read your writes); then they like and unlike the big V's two
   * videos at random, all at once, and every count (the videos', the big V's total_favorited, each
   * fan's) equals the rows.
   */
  @Test
  void aStormOfLikesOnOneHotVideoCountsEveryLikeAndShowsItInTheNextRead() {
    Account bigV = Users.register(api, "cc_bigv");
    List<Account> fans = new ArrayList<>(List.of(bigV));
    while (fans.size() < STORM_FANS) {
      fans.add(Users.register(api, "cc_fan"));
    }
    Video hot = Videos.create(app, bigV.id());
    Video other = Videos.create(app, bigV.id());

    AtomicLong answered = new AtomicLong();
    Burst.assertAllSucceed(Burst.of(STORM_FANS, i -> favorite(fans.get(i), hot, 1).compose(liked -> {
      if (liked.bodyAsJsonObject().getInteger("status_code") != 0) {
        return Future.succeededFuture(liked); // reported by assertAllSucceed
      }
      long before = answered.incrementAndGet();
      return favoriteCount(hot).map(shown -> {
        assertTrue(shown >= before && shown <= STORM_FANS, "a read after " + before + " answered likes shows " + shown);
        return liked;
      });
    })));
    assertCounts(List.of(hot, other), fans);
    assertEquals(STORM_FANS, Videos.fromFeed(api, hot, null).getLong("favorite_count"));
    assertTrue(Videos.count(app, "SELECT COUNT(*) FROM favorite_video_stats WHERE video_id = ?", hot.id()) > 1,
        "the storm spread the hot video's counter over slots");

    Random random = new Random(13);
    for (int round = 0; round < 3; round++) {
      List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
      for (int i = 0; i < STORM_FANS * 3; i++) {
        requests.add(favorite(fans.get(random.nextInt(STORM_FANS)), random.nextBoolean() ? hot : other,
            random.nextBoolean() ? 1 : 2));
      }
      Burst.assertAllSucceed(requests);
      assertCounts(List.of(hot, other), fans);
    }
  }

  @Test
  void concurrentDeletesOfOneCommentDeleteItOnceAndCountItOnce() {
    Account author = Users.register(api, "cc_comment");
    Video video = Videos.create(app, author.id());
    List<Long> ids = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> posts = Burst.of(16, i -> client.post("/douyin/comment/action/")
        .sendForm(Api.pairs("token", author.token(), "video_id", video.idParam(), "action_type", "1",
            "comment_text", "comment " + i)));
    Burst.assertAllSucceed(posts);
    posts.forEach(p -> ids.add(p.result().bodyAsJsonObject().getJsonObject("comment").getLong("id")));
    assertEquals(16L, Videos.fromFeed(api, video, null).getLong("comment_count"));

    List<Future<HttpResponse<Buffer>>> deletes = new ArrayList<>();
    for (long id : ids) {
      deletes.addAll(Burst.of(4, i -> client.post("/douyin/comment/action/").sendForm(Api.pairs("token", author.token(),
          "video_id", video.idParam(), "action_type", "2", "comment_id", Long.toString(id)))));
    }
    Future.join(deletes).await();
    long succeeded = deletes.stream().filter(d -> Burst.code(d) == 0).count();
    long notFound = deletes.stream().filter(d -> Burst.code(d) == 404).count();
    assertEquals(ids.size(), succeeded, "each comment is deleted exactly once");
    assertEquals(deletes.size() - ids.size(), notFound, "the other deletes find nothing to delete");
    assertEquals(0L, Videos.fromFeed(api, video, null).getLong("comment_count"));
    assertEquals(0L, Videos.count(app, "SELECT COUNT(*) FROM comments WHERE video_id = ?", video.id()));
  }

  private static Future<HttpResponse<Buffer>> favorite(Account who, Video video, int type) {
    return client.post("/douyin/favorite/action/").sendForm(Api.pairs("token", who.token(), "video_id", video.idParam(),
        "action_type", Integer.toString(type)));
  }

  /** The video's favorite_count in the feed, read anonymously. */
  private static Future<Long> favoriteCount(Video video) {
    return client.get("/douyin/feed/").addQueryParam("latest_time", Long.toString(video.createdAt() + 1)).send()
        .map(reply -> reply.bodyAsJsonObject().getJsonArray("video_list").stream().map(JsonObject.class::cast)
            .filter(v -> v.getLong("id") == video.id()).findFirst().orElseThrow().getLong("favorite_count"));
  }

  /** Every count the API shows equals the number of like rows it counts. */
  private static void assertCounts(List<Video> videos, List<Account> users) {
    for (Video video : videos) {
      assertEquals(Videos.count(app, "SELECT COUNT(*) FROM favorites WHERE video_id = ?", video.id()),
          Videos.fromFeed(api, video, null).getLong("favorite_count"), "favorite_count of video " + video.id());
    }
    for (Account user : users) {
      var shown = Videos.user(api, user.id());
      assertEquals(Videos.count(app, "SELECT COUNT(*) FROM favorites WHERE user_id = ?", user.id()),
          shown.getLong("favorite_count"), "favorite_count of user " + user.id());
      assertEquals(Videos.count(app, "SELECT COUNT(*) FROM favorites WHERE author_id = ?", user.id()),
          shown.getLong("total_favorited"), "total_favorited of user " + user.id());
    }
  }
}
