package verticles.favorite;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Counters against the rows they count under concurrency: the same like from many connections at
 * once, interleaved like/unlike bursts of many users, and repeated concurrent deletes of one
 * comment. Counts are read through the API and compared with {@code COUNT(*)} of the rows.
 */
class ConcurrentCountsIT extends BurstNodePerClass {

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
