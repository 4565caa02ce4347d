package verticles.favorite;

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
 * The favorite domain, for the gateway: one method per operation of docs/eventbus.md, over the
 * {@link BusClient}.
 */
public final class FavoriteClient {
  /** The reads internal tools may call on the bridge. */
  public static final List<String> READS = List.of(FavoriteAddresses.LIST_BY_USER, FavoriteAddresses.VIDEO_STATS,
      FavoriteAddresses.USER_STATS);

  /** A video's likes: how many, and whether the viewer is one of them. */
  public record VideoLikes(long favoriteCount, boolean isFavorite) {
    public static final VideoLikes NONE = new VideoLikes(0, false);
  }

  /** A user's likes: given ({@code favorite_count}) and received on all their videos ({@code total_favorited}). */
  public record UserLikes(long favoriteCount, long totalFavorited) {
    public static final UserLikes NONE = new UserLikes(0, 0);
  }

  private final BusClient bus;

  public FavoriteClient(BusClient bus) {
    this.bus = bus;
  }

  /** {@code favorite.like}: idempotent; 404 unknown video. */
  public Future<Void> like(long userId, long videoId) {
    return bus.requestIdempotent(FavoriteAddresses.LIKE, pair(userId, videoId)).mapEmpty();
  }

  /** {@code favorite.unlike}: idempotent; 404 unknown video. */
  public Future<Void> unlike(long userId, long videoId) {
    return bus.requestIdempotent(FavoriteAddresses.UNLIKE, pair(userId, videoId)).mapEmpty();
  }

  /** {@code favorite.listByUser}: a page of the videos the user liked, newest like first. */
  public Future<Page<Long>> likedVideos(long userId, PageRequest page) {
    return bus.requestIdempotent(FavoriteAddresses.LIST_BY_USER, page.into(new JsonObject().put("user_id", userId)))
        .map(reply -> Page.ofIds(reply, "video_ids"));
  }

  /** {@code favorite.videoStats}: by video id; videos nobody liked are absent. */
  public Future<Map<Long, VideoLikes>> videoStats(Collection<Long> videoIds, long viewerId) {
    JsonObject request = new JsonObject().put("video_ids", new JsonArray(List.copyOf(videoIds))).put("viewer_id", viewerId);
    return bus.requestIdempotent(FavoriteAddresses.VIDEO_STATS, request).map(reply -> Replies.statsById(reply, "video_id",
        s -> new VideoLikes(s.getLong("favorite_count", 0L), s.getBoolean("is_favorite", false))));
  }

  /** {@code favorite.userStats}: by user id; users with no likes given or received are absent. */
  public Future<Map<Long, UserLikes>> userStats(Collection<Long> userIds) {
    JsonObject request = new JsonObject().put("user_ids", new JsonArray(List.copyOf(userIds)));
    return bus.requestIdempotent(FavoriteAddresses.USER_STATS, request).map(reply -> Replies.statsById(reply, "user_id",
        s -> new UserLikes(s.getLong("favorite_count", 0L), s.getLong("total_favorited", 0L))));
  }

  private static JsonObject pair(long userId, long videoId) {
    return new JsonObject().put("user_id", userId).put("video_id", videoId);
  }
}
