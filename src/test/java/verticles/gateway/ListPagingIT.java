package verticles.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paging of the six long lists (the contract's Extensions): {@code cursor} and {@code limit},
 * {@code next_cursor} until the last page, the configured cap without them, and clear failures
 * for a bad cursor or limit. A walk sees every item that existed when it began exactly once, in
 * order, while new items arrive at the head.
 */
class ListPagingIT extends OneNodePerClass {
  private static final int ITEMS = 13;
  private static final int CAP = 5;

  private Account star;
  private final List<Long> fans = new ArrayList<>();
  private final List<Long> videos = new ArrayList<>();
  private final List<Long> comments = new ArrayList<>();

  @Override
  protected JsonObject settings() {
    return new JsonObject().put(Setting.LIST_DEFAULT_CAP.key(), CAP);
  }

  /** A star with ITEMS fans it follows back (friends), ITEMS videos it liked, and ITEMS comments on its first video. */
  @BeforeAll
  void seed() {
    star = Users.register(api, "pg_star");
    for (int i = 0; i < ITEMS; i++) {
      Account fan = Users.register(api, "pg_fan");
      follow(fan, star.id());
      follow(star, fan.id());
      fans.add(fan.id());
      Video video = Videos.create(app, star.id());
      like(star, video.id());
      videos.add(video.id());
    }
    for (int i = 0; i < ITEMS; i++) {
      comments.add(comment(star, videos.get(0)));
    }
  }

  @Test
  void everyListWalksCompletelyInOrderWhileItemsArrive() {
    String user = Long.toString(star.id());
    assertWalk(fans, "/douyin/relation/follower/list/", "user_list", () -> follow(Users.register(api, "pg_late"), star.id()),
        "user_id", user);
    assertWalk(fans, "/douyin/relation/follow/list/", "user_list", () -> follow(star, Users.register(api, "pg_new").id()),
        "user_id", user);
    assertWalk(fans, "/douyin/relation/friend/list/", "user_list", () -> {
      Account friend = Users.register(api, "pg_friend");
      follow(friend, star.id());
      follow(star, friend.id());
    }, "token", star.token());
    assertWalk(videos, "/douyin/publish/list/", "video_list", () -> Videos.create(app, star.id()), "user_id", user);
    assertWalk(videos, "/douyin/favorite/list/", "video_list", () -> like(star, Videos.create(app, star.id()).id()),
        "user_id", user);
    assertWalk(comments, "/douyin/comment/list/", "comment_list", () -> comment(star, videos.get(0)),
        "video_id", Long.toString(videos.get(0)));
  }

  @Test
  void withoutCursorOrLimitAListIsCappedAtTheConfiguredDefault() {
    Reply first = api.get("/douyin/relation/follower/list/", "user_id", Long.toString(star.id()));
    assertEquals(0, first.code(), first.toString());
    assertEquals(CAP, first.body().getJsonArray("user_list").size(), first.toString());
    assertTrue(first.body().containsKey("next_cursor"), first.toString());
    Reply next = api.get("/douyin/relation/follower/list/", "user_id", Long.toString(star.id()),
        "cursor", first.body().getString("next_cursor"));
    assertEquals(CAP, next.body().getJsonArray("user_list").size(), "a cursor without a limit pages by the cap too: " + next);
    Set<Long> both = new HashSet<>(ids(first, "user_list"));
    both.addAll(ids(next, "user_list"));
    assertEquals(2 * CAP, both.size(), "no item on both pages");
  }

  @Test
  void theLastPageHasNoNextCursorAndAShortListIsOnePage() {
    Account loner = Users.register(api, "pg_loner");
    follow(Users.register(api, "pg_one"), loner.id());
    Reply only = api.get("/douyin/relation/follower/list/", "user_id", Long.toString(loner.id()), "limit", "100");
    assertEquals(1, only.body().getJsonArray("user_list").size(), only.toString());
    assertFalse(only.body().containsKey("next_cursor"), only.toString());
    Reply empty = api.get("/douyin/relation/follow/list/", "user_id", Long.toString(loner.id()));
    assertEquals(0, empty.code(), empty.toString());
    assertEquals(new JsonArray(), empty.body().getJsonArray("user_list"));
    assertFalse(empty.body().containsKey("next_cursor"), empty.toString());
  }

  @Test
  void limitMustBeFromOneToAHundred() {
    String user = Long.toString(star.id());
    for (String bad : new String[] {"0", "101", "-1", "abc", "1.5", "99999999999999999999"}) {
      Reply reply = api.get("/douyin/relation/follower/list/", "user_id", user, "limit", bad);
      Api.assertFailure(reply, 400, "limit");
      assertEquals(new JsonArray(), reply.body().getJsonArray("user_list"), "a failure carries the list's zero value");
    }
    assertEquals(1, api.get("/douyin/relation/follower/list/", "user_id", user, "limit", "1").body()
        .getJsonArray("user_list").size());
    Reply hundred = api.get("/douyin/comment/list/", "video_id", Long.toString(videos.get(0)), "limit", "100");
    assertEquals(0, hundred.code(), hundred.toString());
    assertTrue(hundred.body().getJsonArray("comment_list").size() >= ITEMS, hundred.toString());
  }

  @Test
  void aCursorThisServerDidNotGiveOutFails() {
    for (String bad : new String[] {"garbage", "1.2.3", "-1.5", "12", "1 .2", "1234567890123456789.1", "'; DROP TABLE follows"}) {
      Api.assertFailure(api.get("/douyin/comment/list/", "video_id", Long.toString(videos.get(0)), "cursor", bad), 400, "cursor");
      Api.assertFailure(api.get("/douyin/publish/list/", "user_id", Long.toString(star.id()), "cursor", bad), 400, "cursor");
    }
    Reply past = api.get("/douyin/relation/follower/list/", "user_id", Long.toString(star.id()), "cursor", "0.0");
    assertEquals(0, past.code(), past.toString());
    assertEquals(new JsonArray(), past.body().getJsonArray("user_list"), "a cursor past the oldest item is an empty page");
  }

  /**
   * Walks {@code path} three items a page, calling {@code arrive} (a new item at the head) before
   * each next page, and checks that it met {@code existing} (oldest first) newest first, each once.
   */
  private void assertWalk(List<Long> existing, String path, String listField, Runnable arrive, String... params) {
    List<Long> expected = new ArrayList<>(existing);
    Collections.reverse(expected);
    List<Long> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      List<String> query = new ArrayList<>(List.of(params));
      query.addAll(List.of("limit", "3"));
      if (cursor != null) {
        query.addAll(List.of("cursor", cursor));
      }
      Reply page = api.get(path, query.toArray(String[]::new));
      assertEquals(0, page.code(), path + ": " + page);
      List<Long> ids = ids(page, listField);
      cursor = page.body().getString("next_cursor");
      assertTrue(ids.size() == 3 || cursor == null, path + ": only the last page is short: " + page);
      walked.addAll(ids);
      pages++;
      if (cursor != null) {
        arrive.run();
      }
    } while (cursor != null && pages <= ITEMS);
    assertNull(cursor, path + " ends");
    if (pages == 1) {
      throw new AssertionError(path + " was one page");
    }
    // The first page may hold none of the new items; later pages never do.
    assertEquals(expected, walked, path + ": every item once, newest first");
  }

  private static List<Long> ids(Reply page, String listField) {
    List<Long> ids = new ArrayList<>();
    page.body().getJsonArray(listField).forEach(item -> ids.add(((JsonObject) item).getLong("id")));
    return ids;
  }

  private static void follow(Account who, long whom) {
    Reply reply = api.post("/douyin/relation/action/", "token", who.token(), "to_user_id", Long.toString(whom), "action_type", "1");
    assertEquals(0, reply.code(), reply.toString());
  }

  private static void like(Account who, long video) {
    Reply reply = api.post("/douyin/favorite/action/", "token", who.token(), "video_id", Long.toString(video), "action_type", "1");
    assertEquals(0, reply.code(), reply.toString());
  }

  private static long comment(Account who, long video) {
    Reply reply = api.post("/douyin/comment/action/", "token", who.token(), "video_id", Long.toString(video),
        "action_type", "1", "comment_text", "page me");
    assertEquals(0, reply.code(), reply.toString());
    return reply.body().getJsonObject("comment").getLong("id");
  }
}
