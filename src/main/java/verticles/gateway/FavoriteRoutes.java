package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Like, unlike and the favorite list. */
final class FavoriteRoutes {
  static final int LIKE = 1;
  static final int UNLIKE = 2;

  private final Gateway gateway;

  FavoriteRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.post("/douyin/favorite/action/", ResponseShape.NONE, this::action);
    routes.get("/douyin/favorite/list/", ResponseShape.VIDEO_LIST, this::list);
  }

  /** {@code action_type} 1 likes, 2 unlikes; both idempotent, both need a valid token and an existing video. */
  private Future<JsonObject> action(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long videoId = request.id("video_id");
      return request.actionType(LIKE, UNLIKE) == LIKE
          ? gateway.favorites().like(me, videoId)
          : gateway.favorites().unlike(me, videoId);
    }).map(done -> new JsonObject());
  }

  /**
   * The videos {@code user_id} liked, newest like first, as complete Videos for the (optional)
   * token's owner, a page at a time ({@link Gateway#listPage}); a user who does not exist is a 404,
   * not an empty list.
   */
  private Future<JsonObject> list(ApiRequest request) {
    long userId = request.id("user_id");
    String base = gateway.base(request);
    return gateway.viewer(request).compose(viewer -> gateway.listPage("favorite_list", request, page ->
        gateway.favorites().likedVideos(userId, page).compose(ids -> gateway.requireOwner(ids.items(), userId)
            .compose(v -> gateway.composer().videosByIds(ids.items(), viewer, base, request.missing()))
            .map(videos -> ids.putNext(new JsonObject().put("video_list", new JsonArray(videos)))))));
  }
}
