package verticles.video;

import io.vertx.core.json.JsonObject;
import verticles.events.DomainEvent;

/** The video domain's event (docs/events.md): {@code video_id, author_id}, keyed by the video. */
public final class VideoEvents {
  public static final String PUBLISHED = "video.published";

  private VideoEvents() {
  }

  static DomainEvent published(long videoId, long authorId) {
    return DomainEvent.of(PUBLISHED, "video:" + videoId,
        new JsonObject().put("video_id", videoId).put("author_id", authorId));
  }
}
