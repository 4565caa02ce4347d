package verticles.video;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Page;
import verticles.common.PageRequest;
import verticles.common.bus.BusClient;
import verticles.common.bus.Replies;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The video domain, for the gateway and the other domains: one method per operation of
 * docs/eventbus.md, over the {@link BusClient}.
 */
public final class VideoClient {
  /** The reads internal tools may call on the bridge. */
  public static final List<String> READS = List.of(VideoAddresses.GET_MANY, VideoAddresses.FEED,
      VideoAddresses.LIST_BY_AUTHOR, VideoAddresses.USER_STATS);
  /** The longest title, in characters after trimming. */
  public static final int TITLE_MAX = 128;

  /** A recorded video: its id and publish time (ms). */
  public record Created(long videoId, long createdAt) {
  }

  /** A feed page: the videos, newest first, and the instant to ask the next page before (in the unit asked). */
  public record Feed(List<VideoRow> videos, long nextTime) {
  }

  /** A page of the hot ranking: its videos, best first, and the rank the next page starts at. */
  public record Hot(List<VideoRow> videos, long nextOffset) {
  }

  private final BusClient bus;

  public VideoClient(BusClient bus) {
    this.bus = bus;
  }

  /**
   * {@code video.create}: records a video whose files are stored ({@code storage} is local or
   * qiniu) and, when {@code originalKey} (the original's storage key) is given, its rendition job;
   * {@code durationMs} is 0 when unknown.
   */
  public Future<Created> create(long authorId, String title, String playUrl, String coverUrl, String storage,
                                String originalKey, long durationMs) {
    return bus.request(VideoAddresses.CREATE, new JsonObject().put("author_id", authorId).put("title", title)
            .put("play_url", playUrl).put("cover_url", coverUrl).put("storage", storage).put("original_key", originalKey)
            .put("duration_ms", durationMs))
        .map(reply -> new Created(reply.getLong("video_id"), reply.getLong("created_at")));
  }

  /**
   * What {@link #claimJob} found: {@code run} (the job is this caller's for attempt {@code attempt},
   * its original at {@code originalKey}), {@code finished}, {@code dead} (failed every attempt),
   * {@code busy} (held by another worker or pausing before a retry) or {@code absent}.
   */
  public record JobClaim(String outcome, String originalKey, int attempt) {
  }

  /** {@code video.jobsDue}: up to {@code limit} rendition jobs that are due (not on the broker, not held), oldest first. */
  public Future<List<Long>> dueJobs(int limit) {
    return bus.requestIdempotent(VideoAddresses.JOBS_DUE, new JsonObject().put("limit", limit))
        .map(reply -> reply.getJsonArray("video_ids").stream().map(id -> ((Number) id).longValue()).toList());
  }

  /** {@code video.jobsQueued}: the broker confirmed these jobs. */
  public Future<Void> jobsQueued(List<Long> videoIds) {
    return bus.request(VideoAddresses.JOBS_QUEUED, new JsonObject().put("video_ids", new JsonArray(videoIds))).mapEmpty();
  }

  /** {@code video.jobClaim}: takes the rendition job of {@code videoId} for one attempt, under a lease. */
  public Future<JobClaim> claimJob(long videoId) {
    return bus.request(VideoAddresses.JOB_CLAIM, new JsonObject().put("video_id", videoId))
        .map(r -> new JobClaim(r.getString("outcome"), r.getString("original_key"), r.getInteger("attempt", 0)));
  }

  /** {@code video.jobRenew}: the claimed job's worker is still at it. */
  public Future<Void> renewJob(long videoId) {
    return bus.request(VideoAddresses.JOB_RENEW, new JsonObject().put("video_id", videoId)).mapEmpty();
  }

  /** {@code video.jobDone}: the rendition is stored under {@code renditionKey}; the video plays {@code renditionUrl}. */
  public Future<Void> jobDone(long videoId, String renditionKey, String renditionUrl) {
    return bus.request(VideoAddresses.JOB_DONE, new JsonObject().put("video_id", videoId)
        .put("rendition_key", renditionKey).put("rendition_url", renditionUrl)).mapEmpty();
  }

  /** {@code video.jobFailed}: the attempt failed for {@code reason}; answers whether the job is now dead. */
  public Future<Boolean> jobFailed(long videoId, String reason) {
    return bus.request(VideoAddresses.JOB_FAILED, new JsonObject().put("video_id", videoId).put("reason", reason))
        .map(reply -> reply.getBoolean("dead", false));
  }

  /** {@code video.jobCounts}: {@code {jobs: {waiting, queued, running, done, dead}, oldest_unfinished_at}}. */
  public Future<JsonObject> jobCounts() {
    return bus.requestIdempotent(VideoAddresses.JOB_COUNTS, new JsonObject());
  }

  /** {@code video.getMany}: the videos of the ids that exist, in no particular order. */
  public Future<List<VideoRow>> videos(Collection<Long> ids) {
    return bus.requestIdempotent(VideoAddresses.GET_MANY, new JsonObject().put("ids", new JsonArray(List.copyOf(ids))))
        .map(reply -> rows(reply.getJsonArray("videos")));
  }

  /**
   * {@code video.feed}: at most {@code limit} videos published before {@code beforeMillis}, newest
   * first; a page never ends inside an instant of {@code unit} (seconds or milliseconds).
   */
  public Future<Feed> feed(long beforeMillis, TimeUnit unit, int limit) {
    JsonObject query = new JsonObject().put("before", beforeMillis)
        .put("unit", unit == TimeUnit.MILLISECONDS ? "ms" : "s").put("limit", limit);
    return bus.requestIdempotent(VideoAddresses.FEED, query)
        .map(page -> new Feed(rows(page.getJsonArray("videos")), page.getLong("next_time")));
  }

  /** {@code video.hot}: at most {@code limit} videos of the hot ranking from rank {@code offset} (0 is the hottest). */
  public Future<Hot> hot(long offset, int limit) {
    return bus.requestIdempotent(VideoAddresses.HOT, new JsonObject().put("offset", offset).put("limit", limit))
        .map(page -> new Hot(rows(page.getJsonArray("videos")), page.getLong("next_offset")));
  }

  /** {@code video.listByAuthor}: a page of the author's videos, newest first. */
  public Future<Page<VideoRow>> byAuthor(long authorId, PageRequest page) {
    return bus.requestIdempotent(VideoAddresses.LIST_BY_AUTHOR, page.into(new JsonObject().put("author_id", authorId)))
        .map(reply -> Page.of(reply, "videos", video -> VideoRow.fromJson((JsonObject) video)));
  }

  /** {@code video.userStats}: how many videos each user published; users without any are absent. */
  public Future<Map<Long, Long>> workCounts(Collection<Long> userIds) {
    return bus.requestIdempotent(VideoAddresses.USER_STATS, new JsonObject().put("user_ids", new JsonArray(List.copyOf(userIds))))
        .map(reply -> Replies.statsById(reply, "user_id", stat -> stat.getLong("work_count", 0L)));
  }

  /**
   * Calls {@code handler} on this verticle's context each time a video is recorded anywhere in the
   * cluster ({@code video.created}, published to every node).
   */
  public MessageConsumer<JsonObject> onCreated(Handler<Created> handler) {
    return bus.subscribe(VideoAddresses.CREATED,
        body -> handler.handle(new Created(body.getLong("video_id"), body.getLong("created_at"))));
  }

  /**
   * Calls {@code handler} on this verticle's context with the video's id each time a recorded video
   * changes what it plays, anywhere in the cluster ({@code video.changed}, published to every node
   * once its rendition is ready).
   */
  public MessageConsumer<JsonObject> onChanged(Handler<Long> handler) {
    return bus.subscribe(VideoAddresses.CHANGED, body -> handler.handle(body.getLong("video_id")));
  }

  private static List<VideoRow> rows(JsonArray videos) {
    return videos == null ? List.of() : videos.stream().map(v -> VideoRow.fromJson((JsonObject) v)).toList();
  }
}
