package verticles.common.bus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;

import java.util.Map;

/**
 * The author of a video, asked of the video domain ({@code video.getMany}) and kept in a bounded
 * least-recently-used map: a video's author never changes and videos are never deleted, so a
 * cached answer stays true. An unknown video is a 404. One instance per verticle instance (used
 * only from its event loop, so no locking).
 */
public final class VideoAuthors {
  /** How many videos' authors one verticle instance remembers. */
  public static final int CAPACITY = 10_000;

  private final BusClient bus;
  private final Map<Long, Long> authors = new LruMap<>(CAPACITY);

  public VideoAuthors(BusClient bus) {
    this.bus = bus;
  }

  /** The author id of {@code videoId}; a 404 when the video does not exist, a 503 when the video domain is down. */
  public Future<Long> of(long videoId) {
    Long cached = authors.get(videoId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return bus.request("video.getMany", new JsonObject().put("ids", new JsonArray().add(videoId))).compose(reply -> {
      JsonArray videos = reply.getJsonArray("videos", new JsonArray());
      for (int i = 0; i < videos.size(); i++) {
        JsonObject video = videos.getJsonObject(i);
        if (video.getLong("id") == videoId) {
          long author = video.getLong("author_id");
          authors.put(videoId, author);
          return Future.succeededFuture(author);
        }
      }
      return Future.failedFuture(Failure.notFound("video " + videoId + " does not exist"));
    });
  }
}
