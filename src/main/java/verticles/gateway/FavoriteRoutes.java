package verticles.gateway;

import io.vertx.core.http.HttpMethod;

/** Like, unlike and the favorite list. */
final class FavoriteRoutes {
  private final Gateway gateway;

  FavoriteRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.notImplemented(HttpMethod.POST, "/douyin/favorite/action/");
    routes.notImplemented(HttpMethod.GET, "/douyin/favorite/list/");
  }
}
