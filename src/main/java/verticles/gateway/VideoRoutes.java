package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Feed, publish and publish list. */
final class VideoRoutes {
  /** {@code latest_time} values from here up are milliseconds, below are seconds (the contract's rule). */
  static final long MILLIS_THRESHOLD = 1_000_000_000_000L;
  static final int FEED_PAGE = 30;

  private final Gateway gateway;

  VideoRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.get("/douyin/feed/", this::feed);
    routes.notImplemented(HttpMethod.POST, "/douyin/publish/action/");
    routes.notImplemented(HttpMethod.GET, "/douyin/publish/list/");
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
    JsonObject query = new JsonObject().put("before", before).put("unit", millis ? "ms" : "s").put("limit", FEED_PAGE);
    String base = gateway.base(request);
    return gateway.viewer(request).compose(viewer -> gateway.bus().request("video.feed", query)
        .compose(page -> gateway.composer().videos(rows(page.getJsonArray("videos")), viewer, base)
            .map(videos -> new JsonObject()
                .put("video_list", new JsonArray(videos))
                .put("next_time", page.getLong("next_time")))));
  }

  static List<JsonObject> rows(JsonArray array) {
    return array == null ? List.of() : array.stream().map(JsonObject.class::cast).toList();
  }
}
