package verticles.bridge;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

/**
 * The operators' SockJS event-bus bridge on the gateway, at {@value #PATH}* (on when
 * {@code admin_bridge} is set): the same frames, sign-in and role checks as the TCP bridge
 * ({@link BridgeAccess}), for the browser.
 */
public final class AdminBridge {
  public static final String PATH = "/admin/eventbus/";
  /** Handlers a socket may register at once, and the longest address it may name. */
  private static final int MAX_HANDLERS = 16;
  private static final int MAX_ADDRESS_LENGTH = 128;

  private AdminBridge() {
  }

  public static void mount(Vertx vertx, Router router, BridgeAccess access) {
    SockJSBridgeOptions options = access.options(new SockJSBridgeOptions())
        .setMaxHandlersPerSocket(MAX_HANDLERS)
        .setMaxAddressLength(MAX_ADDRESS_LENGTH);
    router.route(PATH + "*").subRouter(SockJSHandler.create(vertx)
        .bridge(options, event -> access.check(event, String.valueOf(event.socket().remoteAddress()))));
  }
}
