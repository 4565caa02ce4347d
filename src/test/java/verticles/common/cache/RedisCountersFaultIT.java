package verticles.common.cache;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Load;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.PrivateRedis;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Like counters through a private Redis. A like/unlike storm at 256 connections with reads mixed
 * in leaves API count = cached count = {@code COUNT(*)} of the rows, and after FLUSHALL the counts
 * rebuild identically. Likes acknowledged while Redis is paused (SIGSTOP, its old keys kept) or
 * stopped (restarted empty) are never hidden by a stale cached count once Redis is back: the first
 * reads after it returns, and the reads once the counters are cached again, equal the rows.
 */
class RedisCountersFaultIT extends OneNodePerClass {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final int STORM_CONNECTIONS = 256;
  private static final int LIKERS = 32;
  private static final int VIDEOS = 4;
  private static final String PREFIX = "vertok_counters";
  private static PrivateRedis redis;

  @Override
  protected JsonObject settings() {
    redis = PrivateRedis.start();
    return new JsonObject().put(Setting.REDIS_URL.key(), redis.url()).put(Setting.REDIS_PREFIX.key(), PREFIX);
  }

  @AfterAll
  void stopRedis() {
    redis.close();
  }

  @Test
  void aStormLeavesApiCachedAndRowCountsEqualAndAFlushRebuildsThem() throws Exception {
    Account author = Users.register(api, "storm_author");
    List<Video> videos = new ArrayList<>();
    for (int i = 0; i < VIDEOS; i++) {
      videos.add(Videos.create(app, author.id()));
    }
    List<Account> likers = new ArrayList<>();
    for (int i = 0; i < LIKERS; i++) {
      likers.add(Users.register(api, "storm_liker"));
    }
    Load load = Load.start(app.vertx(), STORM_CONNECTIONS, () -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      Account liker = likers.get(random.nextInt(LIKERS));
      Video video = videos.get(random.nextInt(VIDEOS));
      if (random.nextInt(4) == 0) {
        return new Load.Request("user info", true, () -> api.client().get("/douyin/user/")
            .addQueryParam("user_id", Long.toString(random.nextBoolean() ? author.id() : liker.id())).send());
      }
      return new Load.Request("like or unlike", false, () -> api.client().post("/douyin/favorite/action/")
          .addQueryParam("token", liker.token()).addQueryParam("video_id", video.idParam())
          .addQueryParam("action_type", random.nextBoolean() ? "1" : "2").send());
    });
    Poll.until("a few thousand storm calls", Duration.ofSeconds(60), () -> load.calls().size() >= 3000);
    List<Load.Call> calls = load.stop();
    assertEquals(List.of(), Load.failed(calls, false), "every like and unlike succeeded");
    assertEquals(List.of(), Load.failed(calls, true), "every read succeeded");

    Redis client = Redis.createClient(app.vertx(), new RedisOptions().setConnectionString(redis.url()).setProtocolNegotiation(false));
    try {
      assertCountsEqualRowsAndCache(client, author, likers, videos);
      client.send(Request.cmd(Command.FLUSHALL)).await();
      assertCountsEqualRowsAndCache(client, author, likers, videos);
    } finally {
      client.close().await();
    }
  }

  @Test
  void likesAcknowledgedWhileRedisIsAwayAreNeverHiddenOnceItIsBack() throws Exception {
    Account author = Users.register(api, "away_author");
    Video video = Videos.create(app, author.id());
    Redis client = Redis.createClient(app.vertx(), new RedisOptions().setConnectionString(redis.url()).setProtocolNegotiation(false));
    Load reads = Load.start(app.vertx(), 16, () -> new Load.Request("user info", true,
        () -> api.client().get("/douyin/user/").addQueryParam("user_id", Long.toString(author.id())).send()));
    try {
      long before = cachedOnceAgain(client, author, video);

      // More likes than the breaker's failures: the last ones' adjustments never reach the paused
      // Redis, whose old keys would then be stale without the fence.
      long cachedGeneration = generation();
      int paused = app.config().integer(Setting.BREAKER_MAX_FAILURES) + 3;
      redis.pause();
      likeEach(video, paused);
      redis.resume();
      assertReadsEqualRows(author, video, before + paused);
      assertTrue(generation() > cachedGeneration, "the likes fenced the keys cached before the pause");
      assertEquals(before + paused, cachedOnceAgain(client, author, video));

      redis.stop();
      likeEach(video, 3);
      redis.launch();
      assertReadsEqualRows(author, video, before + paused + 3);
      assertEquals(before + paused + 3, cachedOnceAgain(client, author, video));
    } finally {
      List<Load.Call> calls = reads.stop();
      client.close().await();
      assertEquals(List.of(), Load.failed(calls, true), "no read failed while Redis was away");
    }
  }

  /** {@code count} new users like {@code video}; each like is acknowledged. */
  private static void likeEach(Video video, int count) {
    for (int i = 0; i < count; i++) {
      Account liker = Users.register(api, "away_liker");
      assertEquals(0, api.post("/douyin/favorite/action/", "token", liker.token(), "video_id", video.idParam(),
          "action_type", "1").code());
    }
  }

  /** Reads through the API until Redis holds the video's count again; that count, checked against the rows. */
  private static long cachedOnceAgain(Redis client, Account author, Video video) {
    String cached = Poll.value("the video's like count cached", WITHIN, () -> {
      Videos.user(api, author.id());
      Videos.fromFeed(api, video, null);
      return value(client, generation(), "favorite_video_stats", "favorite_count", video.id());
    });
    long rows = Videos.count(app, "SELECT COUNT(*) FROM favorites WHERE video_id = ?", video.id());
    assertEquals(rows, Long.parseLong(cached), "cached = COUNT(*)");
    assertReadsEqualRows(author, video, rows);
    return rows;
  }

  private static void assertReadsEqualRows(Account author, Video video, long likes) {
    assertEquals(likes, Videos.count(app, "SELECT COUNT(*) FROM favorites WHERE video_id = ?", video.id()));
    assertEquals(likes, Videos.fromFeed(api, video, null).getLong("favorite_count"), "the feed's count");
    assertEquals(likes, Videos.user(api, author.id()).getLong("total_favorited"), "the author's likes received");
  }

  private static void assertCountsEqualRowsAndCache(Redis client, Account author, List<Account> likers, List<Video> videos) {
    long generation = generation();
    for (Video video : videos) {
      long rows = Videos.count(app, "SELECT COUNT(*) FROM favorites WHERE video_id = ?", video.id());
      assertEquals(rows, Videos.fromFeed(api, video, null).getLong("favorite_count"), "API = COUNT(*) for video " + video.id());
      assertEquals(Long.toString(rows), cached(client, generation, "favorite_video_stats", "favorite_count", video.id()),
          "cached = COUNT(*) for video " + video.id());
    }
    for (Account liker : likers) {
      long rows = Videos.count(app, "SELECT COUNT(*) FROM favorites WHERE user_id = ?", liker.id());
      assertEquals(rows, Videos.user(api, liker.id()).getLong("favorite_count"), "API = COUNT(*) for user " + liker.id());
      assertEquals(Long.toString(rows), cached(client, generation, "favorite_user_stats", "favorite_count", liker.id()),
          "cached = COUNT(*) for user " + liker.id());
    }
    long received = Videos.count(app, "SELECT COUNT(*) FROM favorites WHERE author_id = ?", author.id());
    assertEquals(received, Videos.user(api, author.id()).getLong("total_favorited"));
    assertEquals(Long.toString(received), cached(client, generation, "favorite_user_stats", "total_favorited", author.id()));
    assertTrue(received > 0, "the storm left likes standing");
  }

  /** The generation of keys the node's instances use now (the counter they share). */
  private static long generation() {
    return app.vertx().sharedData().getCounter("vertok.cache.generation." + PREFIX).await().get().await();
  }

  /** The value of a counter's key once the read that missed it has stored it (stored after that read answered). */
  private static String cached(Redis client, long generation, String table, String column, long id) {
    return Poll.value(table + "." + column + " of " + id + " cached", WITHIN, () -> value(client, generation, table, column, id));
  }

  /** The raw value of a counter's key, or null (missing, or a load's token). */
  private static String value(Redis client, long generation, String table, String column, long id) {
    Response value = client.send(Request.cmd(Command.GET)
        .arg(String.join(":", PREFIX, Long.toString(generation), "n", table, column, Long.toString(id)))).await();
    return value == null || value.toString().startsWith("~") ? null : value.toString();
  }
}
