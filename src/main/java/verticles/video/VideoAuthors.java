package verticles.video;

import io.vertx.core.Future;
import verticles.common.Failure;
import verticles.common.LruMap;

import java.util.List;
import java.util.Map;

/**
 * The author and the duration of a video, asked of the video domain ({@link VideoClient#videos})
 * and kept in a bounded least-recently-used map: neither ever changes and videos are never
 * deleted, so a cached answer stays true. An unknown video is a 404. For the domains that act on
 * videos (favorite, comment): one instance per verticle instance, used only from its event loop.
 */
public final class VideoAuthors {
  /** How many videos one verticle instance remembers. */
  private static final int CAPACITY = 10_000;

  private record Facts(long authorId, long durationMs) {
  }

  private final VideoClient videos;
  private final Map<Long, Facts> facts = new LruMap<>(CAPACITY);

  public VideoAuthors(VideoClient videos) {
    this.videos = videos;
  }

  /** The author id of {@code videoId}; a 404 when the video does not exist, a 503 when the video domain is down. */
  public Future<Long> of(long videoId) {
    return facts(videoId).map(Facts::authorId);
  }

  /** The duration of {@code videoId} in ms, 0 when unknown; a 404 when the video does not exist. */
  public Future<Long> durationOf(long videoId) {
    return facts(videoId).map(Facts::durationMs);
  }

  private Future<Facts> facts(long videoId) {
    Facts cached = facts.get(videoId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return videos.videos(List.of(videoId)).compose(found -> {
      for (VideoRow video : found) {
        if (video.id() == videoId) {
          Facts known = new Facts(video.authorId(), video.durationMs());
          facts.put(videoId, known);
          return Future.succeededFuture(known);
        }
      }
      return Future.failedFuture(Failure.notFound("video " + videoId + " does not exist"));
    });
  }
}
