package verticles.gateway;

import io.vertx.core.http.HttpMethod;

/** Sending messages and reading a chat. */
final class MessageRoutes {
  private final Gateway gateway;

  MessageRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.notImplemented(HttpMethod.POST, "/douyin/message/action/");
    routes.notImplemented(HttpMethod.GET, "/douyin/message/chat/");
  }
}
