package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Text;
import verticles.video.VideoClient;

import java.util.concurrent.TimeUnit;

/** Feed, publish and publish list. */
final class VideoRoutes {
  /** {@code latest_time} values from here up are milliseconds, below are seconds (the contract's rule). */
  static final long MILLIS_THRESHOLD = 1_000_000_000_000L;
  static final int FEED_PAGE = 30;

  private final Gateway gateway;
  private final FeedCache<EncodedPage> feedCache;

  private final PublishUpload upload;

  VideoRoutes(Gateway gateway, FeedCache<EncodedPage> feedCache, PublishUpload upload) {
    this.gateway = gateway;
    this.feedCache = feedCache;
    this.upload = upload;
  }

  void mount(Routes routes) {
    routes.getEncoded("/douyin/feed/", ResponseShape.FEED, this::feed);
    routes.route(HttpMethod.POST, "/douyin/publish/action/", ResponseShape.NONE, upload, Envelope.handler(this::publish));
    routes.get("/douyin/publish/list/", ResponseShape.VIDEO_LIST, this::publishList);
  }

  /**
   * Videos published strictly before {@code latest_time} (seconds, or milliseconds from 10^12 up;
   * absent, empty or 0 means now), newest first; {@code next_time} in the unit of the request.
   * An invalid token is treated as no token.
   */
  private Future<Buffer> feed(ApiRequest request) {
    String type = request.param("feed_type");
    if (type != null && !type.isBlank() && !type.equals("latest")) {
      if (!type.equals("hot")) {
        throw Failure.badRequest("feed_type must be latest or hot");
      }
      return hotFeed(request).map(fields -> Envelope.success(fields).toBuffer());
    }
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
