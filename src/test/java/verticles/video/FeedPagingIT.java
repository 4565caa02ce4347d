package verticles.video;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import verticles.support.Api;
import verticles.support.Api.Reply;
import verticles.support.Clips;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feed paging over 80+ videos published in bursts that share seconds and milliseconds: walking
 * the feed with {@code next_time} sees every video exactly once, in seconds and in milliseconds.
 */
@ExtendWith(VertxExtension.class)
class FeedPagingIT {
  private static final int BURSTS = 4;
  private static final int BURST_SIZE = 20;

  private static TestApp app;
  private static Api api;
  private static final Set<Long> published = new HashSet<>();

  @BeforeAll
  static void publishInBursts(Vertx vertx, @TempDir Path tmp) {
    app = TestApp.start(vertx);
    api = app.api();
    List<Account> authors = List.of(Users.register(api, "feedA"), Users.register(api, "feedB"), Users.register(api, "feedC"));
    Path clip = Clips.mp4(tmp.resolve("clip.mp4"), 1);
    Reply first = PublishApiIT.publish(api, authors.get(0).token(), "seed", clip);
    assertEquals(0, first.code(), first.toString());
    JsonObject seed = api.get("/douyin/publish/list/", "user_id", Long.toString(authors.get(0).id()))
        .body().getJsonArray("video_list").getJsonObject(0);
    published.add(seed.getLong("id"));

    Map<Long, Integer> perSecond = new HashMap<>();
    for (int burst = 0; burst < BURSTS; burst++) {
      awaitNextSecond();
      // Each burst: concurrent creates through the real bus address, at most 30 in one second.
      List<Future<Message<JsonObject>>> creates = new ArrayList<>();
      for (int i = 0; i < BURST_SIZE; i++) {
        Account author = authors.get(i % authors.size());
        creates.add(vertx.eventBus().request("video.create", new JsonObject()
            .put("author_id", author.id()).put("title", "burst " + burst + " #" + i)
            .put("play_url", relative(seed.getString("play_url"))).put("cover_url", relative(seed.getString("cover_url")))
            .put("storage", "local")));
      }
      Future.all(creates).await();
      for (Future<Message<JsonObject>> created : creates) {
        JsonObject reply = created.result().body();
        published.add(reply.getLong("video_id"));
        perSecond.merge(reply.getLong("created_at") / 1000, 1, Integer::sum);
      }
    }
    for (int i = 1; i < authors.size(); i++) {
      Account author = authors.get(i);
      assertEquals(0, PublishApiIT.publish(api, author.token(), "http " + i, clip).code());
      JsonArray mine = api.get("/douyin/publish/list/", "user_id", Long.toString(author.id())).body().getJsonArray("video_list");
      published.add(mine.getJsonObject(0).getLong("id"));
    }
    assertEquals(BURSTS * BURST_SIZE + 3, published.size());
    assertTrue(perSecond.values().stream().anyMatch(n -> n >= BURST_SIZE / 2),
        "bursts share seconds: " + perSecond);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void walkingTheFeedInSecondsSeesEveryVideoOnce() {
    walk(null, false);
  }

  @Test
  void walkingTheFeedInMillisecondsSeesEveryVideoOnce() {
    walk(Long.toString(System.currentTimeMillis() + 1000), true);
  }

  @Test
  void aFeedPastTheOldestVideoIsEmpty() {
    Reply reply = api.get("/douyin/feed/", "latest_time", "1");
    assertEquals(0, reply.code(), reply.toString());
    assertEquals(0, reply.body().getJsonArray("video_list").size());
    assertEquals(1L, reply.body().getLong("next_time"));
  }

  private static void walk(String start, boolean millis) {
    List<Long> seen = new ArrayList<>();
    String latest = start;
    long previousNext = Long.MAX_VALUE;
    for (int page = 0; page < 100; page++) {
      Reply reply = latest == null ? api.get("/douyin/feed/") : api.get("/douyin/feed/", "latest_time", latest);
      assertEquals(0, reply.code(), reply.toString());
      JsonArray videos = reply.body().getJsonArray("video_list");
      if (videos.isEmpty()) {
        break;
      }
      assertTrue(videos.size() <= 30, "a page holds at most 30 videos");
      for (int i = 0; i < videos.size(); i++) {
        PublishApiIT.assertCompleteVideo(videos.getJsonObject(i));
        seen.add(videos.getJsonObject(i).getLong("id"));
      }
      long next = reply.body().getLong("next_time");
      assertEquals(millis, next >= 1_000_000_000_000L, "next_time is in the unit of the request: " + next);
      assertTrue(next < previousNext, "next_time moves back in time");
      previousNext = next;
      latest = Long.toString(next);
    }
    assertEquals(seen.size(), new HashSet<>(seen).size(), "no video twice: " + seen);
    assertTrue(seen.containsAll(published), "every video seen: missing " + missing(seen));
  }

  private static Set<Long> missing(List<Long> seen) {
    Set<Long> missing = new HashSet<>(published);
    seen.forEach(missing::remove);
    return missing;
  }

  private static String relative(String url) {
    return url.substring(url.indexOf("/media/"));
  }

  private static void awaitNextSecond() {
    long second = System.currentTimeMillis() / 1000;
    Poll.until("the next second", Duration.ofSeconds(2), () -> System.currentTimeMillis() / 1000 > second);
  }
}
