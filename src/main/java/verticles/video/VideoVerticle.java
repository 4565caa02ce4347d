package verticles.video;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.PageRequest;
import verticles.common.Text;
import verticles.common.bus.Domain;
import verticles.common.bus.DomainVerticle;
import verticles.common.config.Config;
import verticles.common.db.Database;
import verticles.events.EventConsumer;
import verticles.events.Subscription;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The video domain: the videos table, the feed, the hot ranking (fed by the {@code hot} event
 * subscription), authors' lists and work counts. Files are stored by the media worker before
 * {@code video.create} is called, so a row always has its files.
 */
public final class VideoVerticle extends DomainVerticle {
  static final int FEED_MAX = 100;
  static final Set<String> STORAGES = Set.of("local", "qiniu");

  private final Database db;
  private VideoRepository videos;
  private RenditionJobs jobs;
  private HotRanking hot;
  private EventConsumer hotEvents;

  public VideoVerticle(Database db) {
    super(Domain.VIDEO);
    this.db = db;
  }

  @Override
  protected Future<?> setUp(Config config) {
    jobs = new RenditionJobs(db);
    videos = new VideoRepository(db, jobs);
    on(VideoAddresses.CREATE, this::create);
    on(VideoAddresses.GET_MANY, this::getMany);
    on(VideoAddresses.FEED, this::feed);
    on(VideoAddresses.HOT, this::hot);
    on(VideoAddresses.LIST_BY_AUTHOR, this::listByAuthor);
    on(VideoAddresses.USER_STATS, this::userStats);
    on(VideoAddresses.JOBS_DUE, body -> jobs.due((int) Math.min(Fields.nonNegative(body, "limit", 1), Fields.MAX_BATCH))
        .map(ids -> new JsonObject().put("video_ids", new JsonArray(ids))));
    on(VideoAddresses.JOBS_QUEUED, body -> jobs.queued(Fields.ids(body, "video_ids")).map(new JsonObject()));
    on(VideoAddresses.JOB_CLAIM, body -> jobs.claim(Fields.id(body, "video_id")).map(RenditionJobs.Claim::toJson));
    on(VideoAddresses.JOB_RENEW, body -> jobs.renew(Fields.id(body, "video_id")).map(new JsonObject()));
    on(VideoAddresses.JOB_DONE, this::jobDone);
    on(VideoAddresses.JOB_FAILED, body -> jobs.failed(Fields.id(body, "video_id"),
        String.valueOf(Fields.optionalString(body, "reason"))).map(dead -> new JsonObject().put("dead", dead)));
    on(VideoAddresses.JOB_COUNTS, body -> jobs.counts());
    hot = new HotRanking(db.background(), config);
    hotEvents = EventConsumer.start(vertx, config, db, Subscription.HOT, hot::apply);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return Future.join(hotEvents == null ? Future.succeededFuture() : hotEvents.close(), super.stop());
  }

  private Future<JsonObject> create(JsonObject body) {
    long authorId = Fields.id(body, "author_id");
    String title = Text.require(Fields.optionalString(body, "title"), "title", VideoClient.TITLE_MAX, false);
    String playUrl = requireUrl(body, "play_url");
    String coverUrl = requireUrl(body, "cover_url");
    String storage = Fields.optionalString(body, "storage");
    storage = storage == null ? "local" : storage;
    if (!STORAGES.contains(storage)) {
      throw Failure.badRequest("storage must be one of " + STORAGES + ", got " + storage);
    }
    String originalKey = Fields.optionalString(body, "original_key");
    if (originalKey != null && (originalKey.isBlank() || originalKey.length() > 255)) {
      throw Failure.badRequest("original_key must be a storage key of at most 255 characters");
    }
    long durationMs = Fields.nonNegative(body, "duration_ms", 0);
    long now = System.currentTimeMillis();
    return videos.insert(authorId, title, playUrl, coverUrl, storage, originalKey, durationMs, now).map(id -> {
      JsonObject created = new JsonObject().put("video_id", id).put("created_at", now);
      // Gateways drop their cached feed pages: the new video must top the feed at once.
      vertx.eventBus().publish(VideoAddresses.CREATED, created.copy().put("author_id", authorId));
      return created;
    });
  }

  /** The rendition is stored: gateways drop their cached feed pages, which still play the original. */
  private Future<JsonObject> jobDone(JsonObject body) {
    long videoId = Fields.id(body, "video_id");
    return jobs.done(videoId, requireUrl(body, "rendition_key"), requireUrl(body, "rendition_url")).map(v -> {
      vertx.eventBus().publish(VideoAddresses.CHANGED, new JsonObject().put("video_id", videoId));
      return new JsonObject();
    });
  }

  private Future<JsonObject> getMany(JsonObject body) {
    return videos.findMany(Fields.ids(body, "ids")).map(found -> new JsonObject().put("videos", new JsonArray(found)));
  }

  private Future<JsonObject> feed(JsonObject body) {
    FeedPage.Unit unit = FeedPage.Unit.parse(Fields.optionalString(body, "unit"));
    long before = Fields.nonNegative(body, "before", System.currentTimeMillis());
    long limit = Fields.nonNegative(body, "limit", 30);
    if (limit < 1 || limit > FEED_MAX) {
      throw Failure.badRequest("limit must be between 1 and " + FEED_MAX);
    }
    return videos.before(before, (int) limit + 1).map(rows -> {
      FeedPage.Page page = FeedPage.cut(rows, (int) limit, unit, before);
      return new JsonObject().put("videos", new JsonArray(page.rows())).put("next_time", page.nextTime());
    });
  }

  /** A page of the hot ranking from rank {@code offset}: its videos, best first, and the offset of the next page. */
  private Future<JsonObject> hot(JsonObject body) {
    long offset = Fields.nonNegative(body, "offset", 0);
    long limit = Fields.nonNegative(body, "limit", 30);
    if (limit < 1 || limit > FEED_MAX) {
      throw Failure.badRequest("limit must be between 1 and " + FEED_MAX);
    }
    int from = (int) Math.min(offset, HotRanking.RANKED);
    return hot.page(from, (int) limit).compose(ids -> videos.findMany(ids).map(found -> {
      Map<Long, JsonObject> byId = new HashMap<>();
      found.forEach(v -> byId.put(v.getLong("id"), v));
      List<JsonObject> ranked = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
      return new JsonObject().put("videos", new JsonArray(ranked)).put("next_offset", from + ids.size());
    }));
  }

  private Future<JsonObject> listByAuthor(JsonObject body) {
    return videos.byAuthor(Fields.id(body, "author_id"), PageRequest.of(body))
        .map(page -> page.into(new JsonObject(), "videos", video -> video));
  }

  private Future<JsonObject> userStats(JsonObject body) {
    return videos.workCounts(Fields.ids(body, "user_ids")).map(stats -> new JsonObject().put("stats", new JsonArray(stats)));
  }

  private static String requireUrl(JsonObject body, String field) {
    String value = Fields.optionalString(body, field);
    if (value == null || value.isBlank() || value.length() > 1024) {
      throw Failure.badRequest(field + " is required (at most 1024 characters)");
    }
    return value;
  }
}
