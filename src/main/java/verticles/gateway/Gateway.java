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

  /** Succeeds when user {@code id} exists, else fails with a 404 (for lists, where [] would hide the error). */
  io.vertx.core.Future<Void> requireUser(long id) {
    return bus.request("user.get", new io.vertx.core.json.JsonObject().put("id", id)).mapEmpty();
  }

  /** The caller's id from a required token: a 401 failure without a valid one. */
  io.vertx.core.Future<Long> caller(ApiRequest request) {
    return tokens.verify(request.param("token"));
  }
}
