package verticles.relation;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Follow counters against the rows they count under concurrency: the same follow from many
 * connections at once, and interleaved follow/unfollow bursts among a few users (both directions
 * of a pair at once, so counter rows are locked from both sides), and a big V's storm (many users
 * following one user at once). Counts are read through the API and compared with {@code COUNT(*)}
 * of the rows.
 */
class ConcurrentFollowsIT extends BurstNodePerClass {
  /** More than the counters' slots (CounterSlots.SLOTS), so that every slot is written at once. */
  private static final int STORM_FANS = 80;

  @Test
  void theSameFollowFromManyConnectionsCountsOnce() {
    Account fan = Users.register(api, "cf_fan");
    Account star = Users.register(api, "cf_star");
    Burst.assertAllSucceed(Burst.of(CONNECTIONS, i -> relation(fan, star, 1)));
    assertCounts(List.of(fan, star));
    assertEquals(1L, Videos.user(api, star.id()).getLong("follower_count"));

    Burst.assertAllSucceed(Burst.of(CONNECTIONS, i -> relation(fan, star, 2)));
    assertCounts(List.of(fan, star));
    assertEquals(0L, Videos.user(api, star.id()).getLong("follower_count"));
  }

  @Test
  void interleavedFollowAndUnfollowBurstsKeepEveryCountEqualToTheRows() {
    List<Account> users = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      users.add(Users.register(api, "cf_burst"));
    }
    Random random = new Random(7);
    for (int round = 0; round < 4; round++) {
      List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        Account who = users.get(random.nextInt(users.size()));
        Account whom = users.get(random.nextInt(users.size()));
        if (who != whom) {
          requests.add(relation(who, whom, random.nextBoolean() ? 1 : 2));
          requests.add(relation(whom, who, random.nextBoolean() ? 1 : 2));
        }
      }
      Burst.assertAllSucceed(requests);
      assertCounts(users);
    }
  }

  /**
   * More fans than the counters have slots follow one big V at once: a read sent after n follows
   * were answered shows at least n followers (read your writes); then they follow and unfollow
   * the big V at random, all at once (and the big V some of them back), and every count equals
   * the rows.
   */
  @Test
  void aStormOfFollowsOfOneBigVCountsEveryFollowAndShowsItInTheNextRead() {
    Account bigV = Users.register(api, "cf_bigv");
    List<Account> fans = new ArrayList<>();
    while (fans.size() < STORM_FANS) {
      fans.add(Users.register(api, "cf_fan"));
    }
    AtomicLong answered = new AtomicLong();
    Burst.assertAllSucceed(Burst.of(STORM_FANS, i -> relation(fans.get(i), bigV, 1).compose(followed -> {
      if (followed.bodyAsJsonObject().getInteger("status_code") != 0) {
        return Future.succeededFuture(followed); // reported by assertAllSucceed
      }
      long before = answered.incrementAndGet();
      return client.get("/douyin/user/").addQueryParam("user_id", Long.toString(bigV.id())).send().map(reply -> {
        long shown = reply.bodyAsJsonObject().getJsonObject("user").getLong("follower_count");
        assertTrue(shown >= before && shown <= STORM_FANS, "a read after " + before + " answered follows shows " + shown);
        return followed;
      });
    })));
    List<Account> everyone = new ArrayList<>(fans);
    everyone.add(bigV);
    assertCounts(everyone);
    assertEquals(STORM_FANS, Videos.user(api, bigV.id()).getLong("follower_count"));
    assertTrue(Videos.count(app, "SELECT COUNT(*) FROM relation_user_stats WHERE user_id = ?", bigV.id()) > 1,
        "the storm spread the big V's counter over slots");

    Random random = new Random(13);
    for (int round = 0; round < 3; round++) {
      List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
      for (int i = 0; i < STORM_FANS * 3; i++) {
        Account fan = fans.get(random.nextInt(STORM_FANS));
        requests.add(i % 10 == 0 ? relation(bigV, fan, random.nextBoolean() ? 1 : 2)
            : relation(fan, bigV, random.nextBoolean() ? 1 : 2));
      }
      Burst.assertAllSucceed(requests);
      assertCounts(everyone);
    }
  }

  private static Future<HttpResponse<Buffer>> relation(Account who, Account whom, int type) {
    return client.post("/douyin/relation/action/").sendForm(Api.pairs("token", who.token(),
        "to_user_id", Long.toString(whom.id()), "action_type", Integer.toString(type)));
  }

  /** Every count the API shows equals the number of follow rows it counts. */
  private static void assertCounts(List<Account> users) {
    for (Account user : users) {
      var shown = Videos.user(api, user.id());
      assertEquals(Videos.count(app, "SELECT COUNT(*) FROM follows WHERE follower_id = ?", user.id()),
          shown.getLong("follow_count"), "follow_count of user " + user.id());
      assertEquals(Videos.count(app, "SELECT COUNT(*) FROM follows WHERE followee_id = ?", user.id()),
          shown.getLong("follower_count"), "follower_count of user " + user.id());
    }
  }
}
