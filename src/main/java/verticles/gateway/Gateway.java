package verticles.gateway;

import verticles.common.bus.BusClient;
import verticles.common.config.Config;
import verticles.common.config.Setting;

/** What every route group of the gateway needs: the bus, tokens, the composer and the configuration. */
record Gateway(Config config, BusClient bus, Tokens tokens, Composer composer, Degradations degradations) {

  /** The base of public URLs for this request (configured, or from its Host). */
  String base(ApiRequest request) {
    return PublicUrl.base(request.context(), config.string(Setting.PUBLIC_BASE_URL));
  }

  /** The caller's id from the optional token: 0 when there is none or it is not valid. */
  io.vertx.core.Future<Long> viewer(ApiRequest request) {
    return tokens.viewer(request.param("token"));
  }

  /**
   * For a user's list: succeeds when the list has items (they prove the user exists) or the user
   * exists, else fails with a 404, so that an unknown user is not mistaken for an empty list.
   */
  io.vertx.core.Future<Void> requireOwner(java.util.Collection<?> list, long userId) {
    if (!list.isEmpty()) {
      return io.vertx.core.Future.succeededFuture();
    }
    return bus.request("user.get", new io.vertx.core.json.JsonObject().put("id", userId)).mapEmpty();
  }

  /** The caller's id from a required token: a 401 failure without a valid one. */
  io.vertx.core.Future<Long> caller(ApiRequest request) {
    return tokens.verify(request.param("token"));
  }
}
