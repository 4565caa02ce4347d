package verticles.favorite;

import io.vertx.core.json.JsonObject;
import verticles.events.DomainEvent;

/** The favorite domain's events (docs/events.md), in order per video: {@code user_id, video_id, author_id}. */
public final class FavoriteEvents {
  public static final String LIKED = "favorite.liked";
  public static final String UNLIKED = "favorite.unliked";

  private FavoriteEvents() {
  }

  static DomainEvent of(String type, long userId, long videoId, long authorId) {
    return DomainEvent.of(type, "video:" + videoId,
        new JsonObject().put("user_id", userId).put("video_id", videoId).put("author_id", authorId));
  }
}
