package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Register, login and user info. */
final class UserRoutes {
  private final Gateway gateway;

  UserRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.post("/douyin/user/register/", ResponseShape.ACCOUNT, this::register);
    routes.post("/douyin/user/login/", ResponseShape.ACCOUNT, this::login);
    routes.get("/douyin/user/", ResponseShape.USER, this::info);
  }

  private Future<JsonObject> register(ApiRequest request) {
    return gateway.limits().register(gateway.address(request))
        .compose(v -> gateway.users().register(request.param("username"), request.param("password")))
        .map(this::withToken);
  }

  /** Within the login limits; a wrong password lengthens the next wait of that name from that address. */
  private Future<JsonObject> login(ApiRequest request) {
    String address = gateway.address(request);
    String username = request.param("username");
    return gateway.limits().login(address, username)
        .compose(v -> gateway.users().login(username, request.param("password"))
            .onComplete(outcome -> gateway.limits().loginOutcome(address, username, outcome.cause())))
        .onComplete(outcome -> gateway.metrics().login(outcome.cause()))
        .map(this::withToken);
  }

  private Future<JsonObject> info(ApiRequest request) {
    long userId = request.optionalId("user_id");
    String base = gateway.base(request);
    if (userId == 0) {
      // Without user_id: the token's owner, so the token is required.
      return gateway.caller(request)
          .compose(me -> gateway.composer().user(me, me, base, request.missing()))
          .map(user -> new JsonObject().put("user", user));
    }
    return gateway.viewer(request)
        .compose(viewer -> gateway.composer().user(userId, viewer, base, request.missing()))
        .map(user -> new JsonObject().put("user", user));
  }

  private JsonObject withToken(long id) {
    return new JsonObject().put("user_id", id).put("token", gateway.tokens().issue(id));
  }
}
