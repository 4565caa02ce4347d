package verticles.gateway;

import io.vertx.core.http.HttpMethod;

/** Posting, deleting and listing comments. */
final class CommentRoutes {
  private final Gateway gateway;

  CommentRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.notImplemented(HttpMethod.POST, "/douyin/comment/action/");
    routes.notImplemented(HttpMethod.GET, "/douyin/comment/list/");
  }
}
