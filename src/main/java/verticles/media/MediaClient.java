package verticles.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import verticles.common.bus.BusClient;

/**
 * The media worker on this node, for the gateway's publish path: local-only requests (an upload is
 * a file on this node's disk), without a circuit breaker, with a timeout long enough for a large
 * video. Uploads go to the worker through a {@link FairQueue}: at most {@code media_workers} at
 * once (which bounds the worker's memory), users taking turns.
 */
public final class MediaClient {
  /** How long the media worker may take to decode and store one upload. */
  static final long TIMEOUT_MS = 5 * 60 * 1000L;

  /**
   * What {@link #store} stored: the URLs and storage kind for the video's row, the keys to discard
   * it by, and the video's duration (ms, 0 when FFmpeg could not tell).
   */
  public record Stored(String playUrl, String coverUrl, String storage, String videoKey, String coverKey, long durationMs) {
  }

  private final BusClient bus;
  private final FairQueue queue;

  /** One per node: its queue is the node's. */
  public MediaClient(BusClient bus, int workers) {
    this.bus = bus;
    this.queue = new FairQueue(workers);
  }

  /**
   * {@code media.store}: decodes the uploaded {@code file} of {@code user}, extracts its cover and
   * stores both, when it is that user's turn; 400 when FFmpeg cannot decode a video from it or it
   * is beyond the media limits, 503 when the object storage fails.
   */
  public Future<Stored> store(long user, String file) {
    return queue.submit(user, () -> bus.requestLocal(MediaAddresses.STORE, new JsonObject().put("file", file), TIMEOUT_MS))
        .map(reply -> new Stored(reply.getString("play_url"), reply.getString("cover_url"), reply.getString("storage"),
            reply.getString("video_key"), reply.getString("cover_key"), reply.getLong("duration_ms", 0L)));
  }

  /**
   * {@code media.renditions}: the rendition jobs as this node sees them: {@code status} (UP, or
   * DEGRADED while the broker is down), {@code transport}, {@code broker}, {@code dead_letters},
   * {@code jobs} by state; {@code status} UNKNOWN when the node's job runner does not answer.
   */
  public Future<JsonObject> renditions(long timeoutMs) {
    return bus.requestLocal(MediaAddresses.RENDITIONS, new JsonObject(), timeoutMs)
        .otherwise(e -> new JsonObject().put("status", "UNKNOWN").put("reason", e.getMessage()));
  }

  /** {@code media.discard}: removes what {@link #store} stored (when recording the video failed). */
  public Future<Void> discard(Stored stored) {
    return bus.requestLocal(MediaAddresses.DISCARD,
        new JsonObject().put("video_key", stored.videoKey()).put("cover_key", stored.coverKey()), TIMEOUT_MS).mapEmpty();
  }
}
