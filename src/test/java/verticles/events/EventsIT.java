package verticles.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import verticles.comment.CommentEvents;
import verticles.common.config.Setting;
import verticles.favorite.FavoriteEvents;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Domain events end to end on a whole node: every write that changed something is one event,
 * delivered by the relay (in-process, or through the real broker in the services profile); the hot
 * consumer applies each event once; the hot feed ranks by likes and comments.
 */
class EventsIT extends OneNodePerClass {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static JsonObject events() {
    Reply health = api.get("/health");
    return health.body().getJsonObject("events");
  }

  private static Map<String, Long> delivered() {
    Map<String, Long> counts = new TreeMap<>();
    events().getJsonObject("delivered", new JsonObject()).forEach(e -> counts.put(e.getKey(), ((Number) e.getValue()).longValue()));
    return counts;
  }

  private static void ok(Reply reply) {
    assertEquals(0, reply.code(), reply.toString());
  }

  private static Reply like(Account who, Video video, String type) {
    return api.post("/douyin/favorite/action/", "token", who.token(), "video_id", video.idParam(), "action_type", type);
  }

  private static long comment(Account who, Video video) {
    Reply reply = api.post("/douyin/comment/action/", "token", who.token(), "video_id", video.idParam(),
        "action_type", "1", "comment_text", "nice");
    ok(reply);
    return reply.body().getJsonObject("comment").getLong("id");
  }

  private static Reply uncomment(Account who, Video video, long commentId) {
    return api.post("/douyin/comment/action/", "token", who.token(), "video_id", video.idParam(),
        "action_type", "2", "comment_id", Long.toString(commentId));
  }

  /** The ids of the hot feed, all pages. */
  private static List<Long> hotIds() {
    Reply reply = api.get("/douyin/feed/", "feed_type", "hot");
    ok(reply);
    return reply.body().getJsonArray("video_list").stream().map(v -> ((JsonObject) v).getLong("id")).toList();
  }

  /** The hot feed's order of {@code videos}, those absent left out. */
  private static List<Long> hotOrderOf(Video... videos) {
    List<Long> mine = Arrays.stream(videos).map(Video::id).toList();
    return hotIds().stream().filter(mine::contains).toList();
  }

  @Test
  void everyWriteThatChangedSomethingIsOneEventDeliveredInOrder() {
    Map<String, Long> before = Poll.value("the relay's status", WAIT, () -> events().containsKey("delivered") ? delivered() : null);
    Account author = Users.register(api, "ev_author");
    Account fan = Users.register(api, "ev_fan");
    Video video = Videos.create(app, author.id());
    ok(like(fan, video, "1"));
    ok(like(fan, video, "1"));
    ok(like(fan, video, "2"));
    ok(like(fan, video, "2"));
    long commentId = comment(fan, video);
    ok(uncomment(fan, video, commentId));
    assertEquals(404, uncomment(fan, video, commentId).code(), "a second delete finds nothing");
    ok(api.post("/douyin/relation/action/", "token", fan.token(), "to_user_id", Long.toString(author.id()), "action_type", "1"));
    ok(api.post("/douyin/relation/action/", "token", fan.token(), "to_user_id", Long.toString(author.id()), "action_type", "1"));
    ok(api.post("/douyin/relation/action/", "token", fan.token(), "to_user_id", Long.toString(author.id()), "action_type", "2"));
    ok(api.post("/douyin/message/action/", "token", fan.token(), "to_user_id", Long.toString(author.id()),
        "action_type", "1", "content", "hello"));

    Map<String, Long> expected = new TreeMap<>(before);
    for (String type : List.of("video.published", FavoriteEvents.LIKED, FavoriteEvents.UNLIKED, CommentEvents.POSTED,
        CommentEvents.DELETED, "relation.followed", "relation.unfollowed", "message.sent")) {
      expected.merge(type, 1L, Long::sum);
    }
    Poll.until("one event per write that changed something, all delivered", WAIT,
        () -> delivered().equals(expected) && events().getLong("backlog") == 0);
    JsonObject status = events();
    assertEquals("UP", status.getString("status"), status.encode());
    assertEquals(TestApp.rabbitMqUrl().isEmpty() ? "in-process" : "rabbitmq", status.getString("transport"));
    assertEquals(true, status.getBoolean("relaying"));
  }

  @Test
  void theHotFeedRanksTheDayLikesAndCommentsThatStillStand() {
    Account author = Users.register(api, "hot_author");
    Account a = Users.register(api, "hot_a");
    Account b = Users.register(api, "hot_b");
    Video twoLikes = Videos.create(app, author.id());
    Video oneComment = Videos.create(app, author.id());
    Video unliked = Videos.create(app, author.id());
    ok(like(a, twoLikes, "1"));
    ok(like(b, twoLikes, "1"));
    long commentId = comment(a, oneComment);
    ok(like(a, unliked, "1"));
    ok(like(a, unliked, "2"));

    Poll.until("a comment (3) above two likes (2), the unliked video absent", WAIT,
        () -> hotOrderOf(twoLikes, oneComment, unliked).equals(List.of(oneComment.id(), twoLikes.id())));
    Reply page = api.get("/douyin/feed/", "feed_type", "hot", "token", a.token());
    ok(page);
    JsonArray list = page.body().getJsonArray("video_list");
    assertEquals(list.size(), page.body().getLong("next_time"), "next_time is the rank the next page starts at");
    JsonObject liked = list.stream().map(v -> (JsonObject) v).filter(v -> v.getLong("id") == twoLikes.id()).findFirst().orElseThrow();
    assertEquals(2L, liked.getLong("favorite_count"));
    assertEquals(true, liked.getBoolean("is_favorite"), "the viewer's own fields");
    Reply after = api.get("/douyin/feed/", "feed_type", "hot", "latest_time", Long.toString(list.size()));
    ok(after);
    assertEquals(0, after.body().getJsonArray("video_list").size(), "the ranking has no more");

    ok(uncomment(author, oneComment, commentId));
    try {
      Poll.until("a deleted comment no longer counts", WAIT,
          () -> hotOrderOf(twoLikes, oneComment, unliked).equals(List.of(twoLikes.id())));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; hot " + hotOrderOf(twoLikes, oneComment, unliked) + " of " + hotIds()
          + ", signals " + app.node().database().query("SELECT signal_key FROM hot_signals", Tuple.tuple()).await().size()
          + ", events " + events().encode() + ", comment " + commentId);
    }
  }

  @Test
  void aRedeliveredEventChangesNothing() {
    Account author = Users.register(api, "dup_author");
    Video video = Videos.create(app, author.id());
    Video marker = Videos.create(app, author.id());
    JsonObject ids = new JsonObject().put("comment_id", 900_000_000L + video.id()).put("video_id", video.id())
        .put("user_id", author.id());
    DomainEvent posted = DomainEvent.of(CommentEvents.POSTED, "video:" + video.id(), ids);
    DomainEvent deleted = DomainEvent.of(CommentEvents.DELETED, "video:" + video.id(), ids);
    DomainEvent markerLike = DomainEvent.of(FavoriteEvents.LIKED, "video:" + marker.id(),
        new JsonObject().put("user_id", author.id()).put("video_id", marker.id()).put("author_id", author.id()));
    // The broker or the relay may deliver an event again (a lost confirm, a consumer that died before its ack).
    inject(List.of(posted, deleted, posted, markerLike));

    Poll.until("the marker, consumed after the redelivery", WAIT, () -> hotOrderOf(marker).equals(List.of(marker.id())));
    assertEquals(List.of(), hotOrderOf(video), "the comment was posted once and deleted: the redelivery changed nothing");

    // Delivered again later, beside a new event: the new one applies, the old one changes nothing.
    Video marker2 = Videos.create(app, author.id());
    DomainEvent marker2Like = DomainEvent.of(FavoriteEvents.LIKED, "video:" + marker2.id(),
        new JsonObject().put("user_id", author.id()).put("video_id", marker2.id()).put("author_id", author.id()));
    inject(List.of(posted, marker2Like));
    Poll.until("the new event delivered with an old one", WAIT, () -> hotOrderOf(marker2).equals(List.of(marker2.id())));
    assertEquals(List.of(), hotOrderOf(video), "the comment delivered a third time changed nothing");
    assertEquals(1L, app.node().database().query("SELECT COUNT(*) FROM consumed_events WHERE event_id = ?",
        Tuple.of(posted.id())).await().iterator().next().getLong(0));
  }

  @Test
  void anEventThatCannotBeAppliedIsRecordedForOperatorsAndTheOthersFlow() {
    Account author = Users.register(api, "poison_author");
    Video marker = Videos.create(app, author.id());
    DomainEvent poison = DomainEvent.of(FavoriteEvents.LIKED, "video:0", new JsonObject().put("user_id", author.id()));
    DomainEvent markerLike = DomainEvent.of(FavoriteEvents.LIKED, "video:" + marker.id(),
        new JsonObject().put("user_id", author.id()).put("video_id", marker.id()).put("author_id", author.id()));
    inject(List.of(poison, markerLike));

    Poll.until("the event after the poison one, applied", WAIT, () -> hotOrderOf(marker).equals(List.of(marker.id())));
    // Through the broker the recommend subscription receives the poison event too, and records it as well.
    var dead = app.node().database().query("SELECT consumer, event_type, reason FROM dead_events WHERE event_id = ? AND consumer = ?",
        Tuple.of(poison.id(), Subscription.HOT.name())).await();
    assertEquals(1, dead.size(), "the poison event is in dead_events");
    assertEquals(0L, app.node().database().query("SELECT COUNT(*) FROM consumed_events WHERE event_id = ?",
        Tuple.of(poison.id())).await().iterator().next().getLong(0), "and not marked consumed: it can be applied again");
    assertEquals(true, events().getLong("dead_events") >= 1);
  }

  /** Hands events to the hot subscription the way the node's transport does. */
  private static void inject(List<DomainEvent> events) {
    if (TestApp.rabbitMqUrl().isEmpty()) {
      JsonArray batch = new JsonArray();
      events.forEach(e -> batch.add(e.toJson()));
      app.vertx().eventBus().request("events.deliver." + Subscription.HOT.name(), batch).await();
      return;
    }
    RabbitNames names = new RabbitNames(app.config().string(Setting.RABBITMQ_PREFIX));
    RabbitMQClient client = RabbitMQClient.create(app.vertx(), new RabbitMQOptions().setUri(TestApp.rabbitMqUrl()));
    client.start().await();
    try {
      client.confirmSelect().await();
      for (DomainEvent event : events) {
        client.basicPublish(names.exchange(), event.type(), event.toJson().toBuffer()).await();
      }
      client.waitForConfirms(5000).await();
    } finally {
      client.stop().await();
    }
  }
}
