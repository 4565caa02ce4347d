package verticles.relation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Page;
import verticles.common.PageRequest;
import verticles.common.bus.BusClient;
import verticles.common.bus.Replies;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The relation domain, for the gateway: one method per operation of docs/eventbus.md, over the
 * {@link BusClient}.
 */
public final class RelationClient {
  /** The reads internal tools may call on the bridge (a friend list is its owner's only: not among them). */
  public static final List<String> READS = List.of(RelationAddresses.FOLLOWING, RelationAddresses.FOLLOWERS,
      RelationAddresses.USER_STATS);

  /** A user's follows: how many they follow, how many follow them, and whether the viewer does. */
  public record Follows(long followCount, long followerCount, boolean isFollow) {
    public static final Follows NONE = new Follows(0, 0, false);
  }

  private final BusClient bus;

  public RelationClient(BusClient bus) {
    this.bus = bus;
  }

  /** {@code relation.follow}: idempotent; 400 yourself, 404 unknown {@code to_user_id}. */
  public Future<Void> follow(long userId, long toUserId) {
    return bus.requestIdempotent(RelationAddresses.FOLLOW, pair(userId, toUserId)).mapEmpty();
  }

  /** {@code relation.unfollow}: idempotent; 400 yourself, 404 unknown {@code to_user_id}. */
  public Future<Void> unfollow(long userId, long toUserId) {
    return bus.requestIdempotent(RelationAddresses.UNFOLLOW, pair(userId, toUserId)).mapEmpty();
  }

  /** {@code relation.following}: a page of whom the user follows, newest follow first. */
  public Future<Page<Long>> following(long userId, PageRequest page) {
    return list(RelationAddresses.FOLLOWING, userId, page);
  }

  /** {@code relation.followers}: a page of who follows the user, newest first. */
  public Future<Page<Long>> followers(long userId, PageRequest page) {
    return list(RelationAddresses.FOLLOWERS, userId, page);
  }

  /** {@code relation.friends}: a page of the user's mutual follows, newest follow by the user first. */
  public Future<Page<Long>> friends(long userId, PageRequest page) {
    return list(RelationAddresses.FRIENDS, userId, page);
  }

  /** {@code relation.userStats}: follow counts and {@code is_follow} (for {@code viewerId}; 0 = nobody) by user id. */
  public Future<Map<Long, Follows>> userStats(Collection<Long> userIds, long viewerId) {
    JsonObject request = new JsonObject().put("user_ids", new JsonArray(List.copyOf(userIds))).put("viewer_id", viewerId);
    return bus.requestIdempotent(RelationAddresses.USER_STATS, request).map(reply -> Replies.statsById(reply, "user_id",
        s -> new Follows(s.getLong("follow_count", 0L), s.getLong("follower_count", 0L), s.getBoolean("is_follow", false))));
  }

  private Future<Page<Long>> list(String address, long userId, PageRequest page) {
    return bus.requestIdempotent(address, page.into(new JsonObject().put("user_id", userId)))
        .map(reply -> Page.ofIds(reply, "user_ids"));
  }

  private static JsonObject pair(long userId, long toUserId) {
    return new JsonObject().put("user_id", userId).put("to_user_id", toUserId);
  }
}
