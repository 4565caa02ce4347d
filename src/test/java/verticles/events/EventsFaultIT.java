package verticles.events;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.config.Setting;
import verticles.common.db.Database;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.PrivateBroker;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker fails during writes: a private RabbitMQ is restarted, then killed with SIGKILL and
 * started again, while writers like, unlike and comment. Every acknowledged write's event is
 * consumed exactly once in effect, consumers are back within 15 s of the broker, the counters equal
 * their rows, and nothing is dead-lettered.
 */
class EventsFaultIT extends OneNodePerClass {
  private static final Logger log = LoggerFactory.getLogger(EventsFaultIT.class);
  private static final int WRITES = 10_000;
  private static final int WRITERS = 4;
  private static final int VIDEOS = 20;
  private static final Duration BACK_WITHIN = Duration.ofSeconds(15);
  private static PrivateBroker broker;

  private final AtomicLong acknowledged = new AtomicLong();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean faultsDone = new AtomicBoolean();

  @Override
  protected JsonObject settings() {
    broker = PrivateBroker.start();
    return new JsonObject().put(Setting.RABBITMQ_URL.key(), broker.url()).put(Setting.RABBITMQ_PREFIX.key(), "vertok_fault");
  }

  @AfterAll
  void stopBroker() {
    broker.close();
  }

  @Test
  void everyAcknowledgedWriteIsConsumedOnceThroughRestartsAndKills() throws Exception {
    Account author = Users.register(api, "fault_author");
    List<Video> videos = new ArrayList<>();
    for (int i = 0; i < VIDEOS; i++) {
      videos.add(Videos.create(app, author.id()));
    }
    Account prober = Users.register(api, "fault_prober");
    Video probe = Videos.create(app, author.id());
    awaitConsumption(prober, probe, true, Duration.ofSeconds(30));

    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      Account writer = Users.register(api, "fault_writer");
      writers.add(pool.submit(() -> write(writer, videos)));
    }
    try {
      waitForWrites(WRITES / 5);
      long beforeRestart = acknowledged.get();
      broker.stop();
      broker.launch();
      awaitConsumption(prober, probe, false, BACK_WITHIN);
      assertTrue(acknowledged.get() > beforeRestart, "writes went on while the broker restarted");

      waitForWrites(WRITES / 2);
      long beforeKill = acknowledged.get();
      broker.kill();
      broker.launch();
      awaitConsumption(prober, probe, true, BACK_WITHIN);
      assertTrue(acknowledged.get() > beforeKill, "writes went on while the broker was killed and started again");
    } finally {
      faultsDone.set(true);
      for (Future<?> writer : writers) {
        writer.get(120, TimeUnit.SECONDS);
      }
      pool.shutdownNow();
    }
    assertEquals(List.of(), List.copyOf(failures), "every write was acknowledged");

    // Hot events: the acknowledged writes and the probe's three (like, unlike, like).
    long expected = acknowledged.get() + 3;
    Database db = app.node().database();
    Poll.until("every acknowledged write's event consumed", Duration.ofSeconds(120),
        () -> count(db, "SELECT COUNT(*) FROM consumed_events WHERE consumer = 'hot'") >= expected
            && count(db, "SELECT COUNT(*) FROM outbox") == 0);
    assertEquals(expected, count(db, "SELECT COUNT(*) FROM consumed_events WHERE consumer = 'hot'"), "exactly once");
    assertEquals(standing(db), keys(db, "SELECT signal_key FROM hot_signals"),
        "the ranking's inputs are exactly the likes and comments that stand");
    assertEquals(0, count(db, "SELECT COUNT(*) FROM dead_events"));
    assertEquals(0, count(db, "SELECT COUNT(*) FROM (SELECT video_id, SUM(favorite_count) AS n FROM favorite_video_stats "
        + "GROUP BY video_id) s WHERE s.n <> (SELECT COUNT(*) FROM favorites f WHERE f.video_id = s.video_id)"),
        "like counters (the sums of their slots) equal their rows");
    assertEquals(0, count(db, "SELECT COUNT(*) FROM comment_video_stats s WHERE s.comment_count <> "
        + "(SELECT COUNT(*) FROM comments c WHERE c.video_id = s.video_id)"), "comment counters equal their rows");
  }

  /** Likes and unlikes each video in turn (every write changes something), a comment every fifth write. */
  private void write(Account writer, List<Video> videos) {
    boolean[] liked = new boolean[videos.size()];
    for (int i = 0; !(faultsDone.get() && acknowledged.get() >= WRITES); i++) {
      int v = i % videos.size();
      Video video = videos.get(v);
      Reply reply = i % 5 == 4
          ? api.post("/douyin/comment/action/", "token", writer.token(), "video_id", video.idParam(),
              "action_type", "1", "comment_text", "c" + i)
          : api.post("/douyin/favorite/action/", "token", writer.token(), "video_id", video.idParam(),
              "action_type", liked[v] ? "2" : "1");
      if (reply.code() != 0) {
        failures.add(reply.toString());
        return;
      }
      if (i % 5 != 4) {
        liked[v] = !liked[v];
      }
      acknowledged.incrementAndGet();
    }
  }

  private void waitForWrites(long n) {
    Poll.until(n + " acknowledged writes", Duration.ofSeconds(120), () -> acknowledged.get() >= n || !failures.isEmpty());
  }

  /** Likes ({@code like}) or unlikes the probe video and waits until the hot consumer applied it. */
  private static void awaitConsumption(Account prober, Video probe, boolean like, Duration within) {
    long start = System.nanoTime();
    Reply reply = api.post("/douyin/favorite/action/", "token", prober.token(), "video_id", probe.idParam(),
        "action_type", like ? "1" : "2");
    assertEquals(0, reply.code(), reply.toString());
    String key = "like:" + prober.id() + ":" + probe.id();
    Poll.until("the consumers to apply a write made after the broker came back", within,
        () -> keys(app.node().database(), "SELECT signal_key FROM hot_signals").contains(key) == like);
    log.info("consumers back {} ms after the broker", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static Set<String> standing(Database db) {
    Set<String> keys = new HashSet<>();
    for (Row row : db.query("SELECT user_id, video_id FROM favorites", Tuple.tuple()).await()) {
      keys.add("like:" + row.getLong("user_id") + ":" + row.getLong("video_id"));
    }
    for (Row row : db.query("SELECT id FROM comments", Tuple.tuple()).await()) {
      keys.add("comment:" + row.getLong("id"));
    }
    return keys;
  }

  private static Set<String> keys(Database db, String sql) {
    Set<String> keys = new HashSet<>();
    db.query(sql, Tuple.tuple()).await().forEach(row -> keys.add(row.getString(0)));
    return keys;
  }

  private static long count(Database db, String sql) {
    return db.query(sql, Tuple.tuple()).await().iterator().next().getLong(0);
  }
}
