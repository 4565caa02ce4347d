package verticles.gateway;

import io.vertx.core.http.HttpMethod;

/** Follow, unfollow and the follow, follower and friend lists. */
final class RelationRoutes {
  private final Gateway gateway;

  RelationRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.notImplemented(HttpMethod.POST, "/douyin/relation/action/");
    routes.notImplemented(HttpMethod.GET, "/douyin/relation/follow/list/");
    routes.notImplemented(HttpMethod.GET, "/douyin/relation/follower/list/");
    routes.notImplemented(HttpMethod.GET, "/douyin/relation/friend/list/");
  }
}
