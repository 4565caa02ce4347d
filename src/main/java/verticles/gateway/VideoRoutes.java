package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.handler.BodyHandler;
import verticles.common.Failure;
import verticles.common.Text;
import verticles.common.config.Setting;
import verticles.media.StorageSettings;
import verticles.video.VideoClient;

import java.util.concurrent.TimeUnit;

/** Feed, publish and publish list. */
final class VideoRoutes {
  /** {@code latest_time} values from here up are milliseconds, below are seconds (the contract's rule). */
  static final long MILLIS_THRESHOLD = 1_000_000_000_000L;
  static final int FEED_PAGE = 30;

  private final Gateway gateway;
  private final FeedCache feedCache;

  VideoRoutes(Gateway gateway, FeedCache feedCache) {
    this.gateway = gateway;
    this.feedCache = feedCache;
  }

  void mount(Routes routes) {
    routes.get("/douyin/feed/", this::feed);
    long limit = gateway.config().integer(Setting.UPLOAD_LIMIT_MB) * 1024L * 1024L;
    String uploads = StorageSettings.uploadsDir(gateway.config()).toString();
    for (Route route : routes.routes(HttpMethod.POST, "/douyin/publish/action/")) {
      // The upload streams to a file under the data directory; whatever the media worker does not
      // take over is deleted when the response ends.
      route.handler(BodyHandler.create(uploads).setBodyLimit(limit).setDeleteUploadedFilesOnEnd(true))
          .handler(Envelope.handler(this::publish));
    }
    routes.get("/douyin/publish/list/", this::publishList);
  }

  /**
   * Videos published strictly before {@code latest_time} (seconds, or milliseconds from 10^12 up;
   * absent, empty or 0 means now), newest first; {@code next_time} in the unit of the request.
   * An invalid token is treated as no token.
   */
  private Future<JsonObject> feed(ApiRequest request) {
    long latest = request.optionalNumber("latest_time", 0);
    boolean millis = latest >= MILLIS_THRESHOLD;
    long before = latest == 0 ? System.currentTimeMillis() : millis ? latest : latest * 1000;
    TimeUnit unit = millis ? TimeUnit.MILLISECONDS : TimeUnit.SECONDS;
    String base = gateway.base(request);
    return gateway.viewer(request).compose(viewer -> {
      if (latest != 0) {
        return feedPage(before, unit, viewer, base);
      }
      // The latest page is the same for everyone but the viewer's own fields: composed once in a
      // while for anonymous viewers, then made each token owner's own with two calls.
      Future<JsonObject> page = feedCache.page(base, System.currentTimeMillis(), () -> feedPage(before, unit, 0, base));
      return viewer == 0 ? page : page.compose(anonymous -> gateway.composer().personalize(anonymous, viewer));
    });
  }

  private Future<JsonObject> feedPage(long before, TimeUnit unit, long viewer, String base) {
    return gateway.videos().feed(before, unit, FEED_PAGE)
        .compose(page -> gateway.composer().videos(page.videos(), viewer, base)
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
      FileUpload data = upload(request);
      return gateway.media().store(author, data.uploadedFileName())
          .compose(stored -> gateway.videos().create(author, title, stored.playUrl(), stored.coverUrl(), stored.storage())
              .recover(e -> gateway.media().discard(stored).transform(discarded -> Future.failedFuture(e))))
          .map(created -> new JsonObject());
    });
  }

  private static FileUpload upload(ApiRequest request) {
    FileUpload data = request.context().fileUploads().stream()
        .filter(f -> f.name().equals("data")).findFirst()
        .orElseThrow(() -> Failure.badRequest("data is required: the video file as a multipart part named data"));
    if (data.size() == 0) {
      throw Failure.badRequest("data is empty");
    }
    return data;
  }

  /** An author's videos, newest first; an author who does not exist is a 404, not an empty list. */
  private Future<JsonObject> publishList(ApiRequest request) {
    long authorId = request.id("user_id");
    String base = gateway.base(request);
    return gateway.viewer(request).compose(viewer -> gateway.videos().byAuthor(authorId)
        .compose(rows -> gateway.requireOwner(rows, authorId).compose(v -> gateway.composer().videos(rows, viewer, base)))
        .map(videos -> new JsonObject().put("video_list", new JsonArray(videos))));
  }
}
