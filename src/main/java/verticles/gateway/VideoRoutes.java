package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Text;
import verticles.common.config.Setting;
import verticles.video.VideoClient;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Feed, publish and publish list. */
final class VideoRoutes {
  /** {@code latest_time} values from here up are milliseconds, below are seconds (the contract's rule). */
  static final long MILLIS_THRESHOLD = 1_000_000_000_000L;
  static final int FEED_PAGE = 30;
  static final List<String> FEED_TYPES = List.of("latest", "hot", "recommend");
  /** A recommended feed's {@code latest_time} from here up is a time, not a position. */
  static final long TIME_LIKE = 1_000_000_000L;

  private final Gateway gateway;
  private final FeedCache<EncodedPage> feedCache;

  private final PublishUpload upload;
  private final RecommendFeed recommendPages;
  /** {@code recommend_default}: a viewer with a token who names no feed_type gets the recommended feed. */
  private final boolean recommendDefault;

  VideoRoutes(Gateway gateway, FeedCache<EncodedPage> feedCache, PublishUpload upload) {
    this.gateway = gateway;
    this.recommendPages = new RecommendFeed(gateway, gateway.config().integer(Setting.FEED_CACHE_MS));
    this.recommendDefault = gateway.config().bool(Setting.RECOMMEND_DEFAULT);
    this.feedCache = feedCache;
    this.upload = upload;
  }

  void mount(Routes routes) {
    routes.getEncoded("/douyin/feed/", ResponseShape.FEED, this::feed);
    routes.route(HttpMethod.POST, "/douyin/publish/action/", ResponseShape.NONE, upload, Envelope.handler(this::publish));
    routes.get("/douyin/publish/list/", ResponseShape.VIDEO_LIST, this::publishList);
  }

  /**
   * The feed named by {@code feed_type}: {@code latest} (the default), {@code hot} or
   * {@code recommend}; with {@code recommend_default}, a viewer with a valid token who names none
   * gets the recommended one. An invalid token is treated as no token.
   */
  private Future<Buffer> feed(ApiRequest request) {
    String type = request.param("feed_type");
    boolean asked = type != null && !type.isBlank();
    if (asked && !FEED_TYPES.contains(type)) {
      throw Failure.badRequest("feed_type must be one of " + String.join(", ", FEED_TYPES));
    }
    if ("hot".equals(type)) {
      return hotFeed(request).map(fields -> Envelope.success(fields).toBuffer());
    }
    if ("recommend".equals(type)) {
      return gateway.viewer(request).compose(viewer -> recommendFeed(request, viewer));
    }
    String token = request.token();
    if (!asked && recommendDefault && token != null && !token.isBlank()) {
      return gateway.viewer(request).compose(viewer -> viewer != 0 ? recommendFeed(request, viewer) : latestFeed(request));
    }
    return latestFeed(request);
  }

  /**
   * The chronological feed: videos published strictly before {@code latest_time} (seconds, or
   * milliseconds from 10^12 up; absent, empty or 0 means now), newest first; {@code next_time} in
   * the unit of the request.
   */
  private Future<Buffer> latestFeed(ApiRequest request) {
    long latest = request.optionalNumber("latest_time", 0);
    boolean millis = latest >= MILLIS_THRESHOLD;
    long before = latest == 0 ? System.currentTimeMillis() : millis ? latest : latest * 1000;
    TimeUnit unit = millis ? TimeUnit.MILLISECONDS : TimeUnit.SECONDS;
    String base = gateway.base(request);
    return gateway.viewer(request).compose(viewer -> {
      if (latest != 0) {
        MissingFields missing = request.missing();
        return feedPage(before, unit, viewer, base, missing).map(fields -> Envelope.success(missing.mark(fields)).toBuffer());
      }
      // The latest page is the same for everyone but the viewer's own fields: composed and encoded
      // once in a while for anonymous viewers, then made each token owner's own with two calls.
      // A degraded page says so in its own status_msg; a viewer with a token then gets a page
      // composed for them, which names what it misses itself.
      Future<EncodedPage> page = feedCache.page(base, System.currentTimeMillis(), () -> {
        MissingFields missing = new MissingFields();
        return feedPage(before, unit, 0, base, missing).map(fields -> EncodedPage.of(Envelope.success(missing.mark(fields))));
      });
      if (viewer == 0) {
        return page.map(EncodedPage::anonymous);
      }
      MissingFields missing = request.missing();
      return page.compose(anonymous -> anonymous.partial()
          ? feedPage(before, unit, viewer, base, missing).map(fields -> Envelope.success(missing.mark(fields)).toBuffer())
          : gateway.composer().personalize(anonymous, viewer, missing));
    });
  }

  /**
   * The hot feed: the videos with the most likes and comments of the last 24 hours, by rank. Here
   * {@code latest_time} and {@code next_time} are rank offsets (absent or 0: the hottest first).
   */
  private Future<JsonObject> hotFeed(ApiRequest request) {
    long offset = request.optionalNumber("latest_time", 0);
    String base = gateway.base(request);
    return gateway.viewer(request).compose(viewer -> gateway.videos().hot(offset, FEED_PAGE)
        .compose(page -> gateway.composer().videos(page.videos(), viewer, base, request.missing())
            .map(videos -> new JsonObject()
                .put("video_list", new JsonArray(videos))
                .put("next_time", page.nextOffset()))));
  }

  /**
   * The recommended feed (docs/recommend.md): a page ranked for the viewer by the recommend domain,
   * without the videos the viewer likes (a like whose event has not reached the recommend domain
   * yet included; {@link RecommendFeed}). For a viewer with a token, the recommend domain records
   * the page as shown before it answers, so the next page has none of it. Here {@code latest_time}
   * is a page number (0, or absent, the first; {@code next_time} the next one), by which anonymous
   * viewers page through the cold-start pages; from {@link #TIME_LIKE} up it is a time (what an app sends first) and
   * means the first page.
   */
  private Future<Buffer> recommendFeed(ApiRequest request, long viewer) {
    long latest = request.optionalNumber("latest_time", 0);
    return recommendPages.page(viewer, latest >= TIME_LIKE ? 0 : latest, gateway.base(request), request.missing());
  }

  private Future<JsonObject> feedPage(long before, TimeUnit unit, long viewer, String base, MissingFields missing) {
    return gateway.videos().feed(before, unit, FEED_PAGE)
        .compose(page -> gateway.composer().videos(page.videos(), viewer, base, missing)
            .map(videos -> new JsonObject()
                .put("video_list", new JsonArray(videos))
                .put("next_time", page.nextTime())));
  }

  /**
   * Authenticates, checks the title and the file, has the media worker on this node decode and
   * store it, then records the video. If recording fails, the stored files are removed.
   */
  private Future<JsonObject> publish(ApiRequest request) {
    return gateway.caller(request).compose(author -> {
      String title = Text.require(request.param("title"), "title", VideoClient.TITLE_MAX, false);
      PublishUpload.Received data = PublishUpload.received(request.context());
      return gateway.media().store(author, data.file().toString())
          .compose(stored -> gateway.videos().create(author, title, stored.playUrl(), stored.coverUrl(), stored.storage(),
              stored.videoKey(), stored.durationMs())
              .recover(e -> gateway.media().discard(stored).transform(discarded -> Future.failedFuture(e))))
          .map(created -> new JsonObject());
    });
  }

  /**
   * An author's videos, newest first, a page at a time ({@link Gateway#listPage}); an author who
   * does not exist is a 404, not an empty list.
   */
  private Future<JsonObject> publishList(ApiRequest request) {
    long authorId = request.id("user_id");
    String base = gateway.base(request);
    return gateway.viewer(request).compose(viewer -> gateway.listPage("publish_list", request, page ->
        gateway.videos().byAuthor(authorId, page).compose(rows -> gateway.requireOwner(rows.items(), authorId)
            .compose(v -> gateway.composer().videos(rows.items(), viewer, base, request.missing()))
            .map(videos -> rows.putNext(new JsonObject().put("video_list", new JsonArray(videos)))))));
  }
}
