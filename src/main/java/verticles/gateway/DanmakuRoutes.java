package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.comment.CommentClient;

/**
 * Danmaku (the contract's Extensions): posting one at a moment of a video, and listing a window of
 * a video's. The comment domain checks the fields, the moderation and the per-user limits (a 429
 * with {@code Retry-After} beyond them).
 */
final class DanmakuRoutes {
  private final Gateway gateway;

  DanmakuRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.post("/douyin/danmaku/action/", ResponseShape.DANMAKU, this::post);
    routes.get("/douyin/danmaku/list/", ResponseShape.DANMAKU_LIST, this::list);
  }

  /** Stores {@code content} at {@code progress_ms} of {@code video_id}, with the optional {@code mode}, {@code color} and {@code font_size}. */
  private Future<JsonObject> post(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      CommentClient.DanmakuDraft draft = new CommentClient.DanmakuDraft(request.id("video_id"), request.param("content"),
          optional(request, "progress_ms"), optional(request, "mode"), optional(request, "color"),
          optional(request, "font_size"));
      return gateway.comments().postDanmaku(me, draft)
          .map(stored -> new JsonObject().put("danmaku", ApiObjects.danmaku(stored)));
    });
  }

  /** The danmaku of {@code video_id} from {@code from_ms} (default 0) to {@code to_ms} (default six minutes later), by progress. */
  private Future<JsonObject> list(ApiRequest request) {
    long videoId = request.id("video_id");
    long from = request.optionalNumber("from_ms", 0);
    long to = request.optionalNumber("to_ms", from + CommentClient.DANMAKU_WINDOW_MS);
    return gateway.comments().danmaku(videoId, from, to)
        .map(found -> new JsonObject().put("danmaku_list", new JsonArray(found.stream().map(ApiObjects::danmaku).toList())));
  }

  /** A non-negative number parameter, or null when absent. */
  private static Long optional(ApiRequest request, String name) {
    long value = request.optionalNumber(name, -1);
    return value < 0 ? null : value;
  }
}
