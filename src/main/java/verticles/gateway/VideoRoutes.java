package verticles.gateway;

import io.vertx.core.http.HttpMethod;

/** Feed, publish and publish list. */
final class VideoRoutes {
  private final Gateway gateway;

  VideoRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.notImplemented(HttpMethod.GET, "/douyin/feed/");
    routes.notImplemented(HttpMethod.POST, "/douyin/publish/action/");
    routes.notImplemented(HttpMethod.GET, "/douyin/publish/list/");
  }
}
