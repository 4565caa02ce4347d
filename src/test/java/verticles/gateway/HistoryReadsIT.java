package verticles.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.common.db.Database;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.RowsRead;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page costs rows in proportion to the page, not to the viewer's history: the token feed of a
 * viewer with thousands of likes and follows finds the viewer's {@code is_favorite} and
 * {@code is_follow} among them, and on MariaDB reads about as many rows as the same page for a
 * viewer with none ({@code Handler_read_*} of the node's one request connection, {@link RowsRead});
 * the friend list's latest messages are found among thousands of other conversations without
 * reading them. Embedded (H2 has no such counters) the look-ups are checked for what they find.
 */
class HistoryReadsIT extends OneNodePerClass {
  private static final int HISTORY = 5_000;
  private static final int BATCH = 500;

  @Override
  protected JsonObject settings() {
    // One request connection: the session counters are those of every request statement.
    return new JsonObject().put(Setting.DB_POOL_SIZE.key(), 1);
  }

  @Test
  void theTokenFeedReadsRowsForThePageNotForTheViewersHistory() {
    Account author = Users.register(api, "hist_author");
    Account fresh = Users.register(api, "hist_fresh");
    Account heavy = Users.register(api, "hist_heavy");
    List<Video> page = new ArrayList<>();
    for (int i = 0; i < VideoRoutes.FEED_PAGE; i++) {
      page.add(Videos.create(app, author.id()));
    }
    // The heavy viewer liked every other video of the page, and HISTORY videos before it; follows
    // the author and HISTORY other users.
    Set<Long> liked = new HashSet<>();
    List<Long> likes = new ArrayList<>();
    for (int i = 0; i < page.size(); i += 2) {
      liked.add(page.get(i).id());
      likes.add(page.get(i).id());
    }
    long firstOnPage = page.get(0).id();
    for (long id = firstOnPage - HISTORY; id < firstOnPage; id++) {
      likes.add(id);
    }
    insert("INSERT INTO favorites (user_id, video_id, author_id, created_at) VALUES ", 4, likes,
        (args, video) -> args.addValue(heavy.id()).addValue(video).addValue(author.id()).addValue(1L));
    List<Long> followees = new ArrayList<>(List.of(author.id()));
    for (long i = 1; i <= HISTORY; i++) {
      followees.add(author.id() + 1_000_000 + i);
    }
    insert("INSERT INTO follows (follower_id, followee_id, created_at) VALUES ", 3, followees,
        (args, followee) -> args.addValue(heavy.id()).addValue(followee).addValue(1L));

    String latest = Long.toString(page.get(page.size() - 1).createdAt() + 1);
    JsonArray heavyPage = feed(latest, heavy);
    assertEquals(page.size(), heavyPage.size());
    for (int i = 0; i < heavyPage.size(); i++) {
      JsonObject video = heavyPage.getJsonObject(i);
      assertEquals(liked.contains(video.getLong("id")), video.getBoolean("is_favorite"), "is_favorite of " + video);
      assertTrue(video.getJsonObject("author").getBoolean("is_follow"), "the heavy viewer follows the author");
    }
    JsonArray freshPage = feed(latest, fresh);
    for (int i = 0; i < freshPage.size(); i++) {
      assertEquals(false, freshPage.getJsonObject(i).getBoolean("is_favorite"));
      assertEquals(false, freshPage.getJsonObject(i).getJsonObject("author").getBoolean("is_follow"));
    }

    if (TestApp.isMariaDb()) {
      long freshReads = RowsRead.during(app, () -> feed(latest, fresh));
      long heavyReads = RowsRead.during(app, () -> feed(latest, heavy));
      // Without the pairs look-up the heavy viewer's page read all of its 5,000 likes and 5,000 follows.
      assertTrue(heavyReads - freshReads <= 2L * VideoRoutes.FEED_PAGE && heavyReads < HISTORY / 10,
          "the heavy viewer's page read " + heavyReads + " rows, a new viewer's " + freshReads);
    }
  }

  @Test
  void theFriendListFindsTheLatestMessagesWithoutReadingEveryConversation() {
    Account viewer = Users.register(api, "hist_chatty");
    Account friend = Users.register(api, "hist_friend");
    for (Account[] pair : new Account[][] {{viewer, friend}, {friend, viewer}}) {
      assertEquals(0, api.post("/douyin/relation/action/", "token", pair[0].token(), "to_user_id",
          Long.toString(pair[1].id()), "action_type", "1").code());
    }
    assertEquals(0, api.post("/douyin/message/action/", "token", friend.token(), "to_user_id", Long.toString(viewer.id()),
        "action_type", "1", "content", "hello").code());
    // HISTORY conversations of the viewer with users who are not friends: as the lower and as the higher id.
    List<Long> peers = new ArrayList<>();
    for (long i = 1; i <= HISTORY; i++) {
      peers.add(i % 2 == 0 ? viewer.id() + 1_000_000 + i : -i);
    }
    insert("INSERT INTO conversations (user_lo, user_hi, last_time, last_message_id) VALUES ", 4, peers,
        (args, peer) -> args.addValue(Math.min(peer, viewer.id())).addValue(Math.max(peer, viewer.id()))
            .addValue(1L).addValue(0L));

    JsonArray friends = friendList(viewer);
    assertEquals(1, friends.size());
    assertEquals("hello", friends.getJsonObject(0).getString("message"));
    assertEquals(0L, friends.getJsonObject(0).getLong("msgType"), "received");

    if (TestApp.isMariaDb()) {
      long reads = RowsRead.during(app, () -> friendList(viewer));
      assertTrue(reads < HISTORY / 10, "the friend list read " + reads + " rows beside " + HISTORY + " conversations");
    }
  }

  private static JsonArray friendList(Account viewer) {
    Reply reply = api.get("/douyin/relation/friend/list/", "user_id", Long.toString(viewer.id()), "token", viewer.token());
    assertEquals(0, reply.code(), reply.toString());
    return reply.body().getJsonArray("user_list");
  }

  private static JsonArray feed(String latest, Account viewer) {
    Reply reply = api.get("/douyin/feed/", "latest_time", latest, "token", viewer.token());
    assertEquals(0, reply.code(), reply.toString());
    return reply.body().getJsonArray("video_list");
  }

  private interface RowArgs {
    void add(Tuple args, long value);
  }

  /** Inserts one row per value, {@link #BATCH} rows a statement. */
  private static void insert(String insertValues, int columns, List<Long> values, RowArgs row) {
    for (int from = 0; from < values.size(); from += BATCH) {
      List<Long> batch = values.subList(from, Math.min(values.size(), from + BATCH));
      Tuple args = Tuple.tuple();
      batch.forEach(value -> row.add(args, value));
      app.node().database().query(insertValues + Database.values(batch.size(), columns), args).await();
    }
  }
}
