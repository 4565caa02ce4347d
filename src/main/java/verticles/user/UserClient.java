package verticles.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.bus.BusClient;

import java.util.Collection;
import java.util.List;

/**
 * The user domain, for the gateway and the other domains: one method per operation of
 * docs/eventbus.md, over the {@link BusClient} (its circuit breakers and failure codes).
 */
public final class UserClient {
  /** The reads internal tools may call on the bridge. */
  public static final List<String> READS = List.of(UserAddresses.GET, UserAddresses.GET_MANY);

  private final BusClient bus;

  public UserClient(BusClient bus) {
    this.bus = bus;
  }

  /** {@code user.register}: the new user's id; 400 invalid, 409 username taken, 429 too many at once. */
  public Future<Long> register(String username, String password) {
    return bus.requestSlow(UserAddresses.REGISTER, credentials(username, password)).map(UserClient::userId);
  }

  /** {@code user.login}: the user's id; 401 wrong username or password (the same text for both). */
  public Future<Long> login(String username, String password) {
    return bus.requestSlow(UserAddresses.LOGIN, credentials(username, password)).map(UserClient::userId);
  }

  /** {@code user.operatorLogin}: the operator's role; 401 wrong name or password (the same text for both). */
  public Future<OperatorRole> operatorLogin(String name, String password) {
    return bus.requestSlow(UserAddresses.OPERATOR_LOGIN, new JsonObject().put("name", name).put("password", password))
        .map(reply -> OperatorRole.parse(reply.getString("role")));
  }

  /** {@code user.get}: one profile; 404 "user N does not exist". */
  public Future<Profile> profile(long id) {
    return bus.requestIdempotent(UserAddresses.GET, new JsonObject().put("id", id))
        .map(reply -> Profile.fromJson(reply.getJsonObject("user")));
  }

  /** {@code user.getMany}: the profiles of the ids that exist, in no particular order. */
  public Future<List<Profile>> profiles(Collection<Long> ids) {
    return bus.requestIdempotent(UserAddresses.GET_MANY, new JsonObject().put("ids", new JsonArray(List.copyOf(ids))))
        .map(reply -> reply.getJsonArray("users", new JsonArray()).stream()
            .map(user -> Profile.fromJson((JsonObject) user)).toList());
  }

  /**
   * Succeeds when user {@code id} exists; a 404 naming {@code field} when not (for domains that
   * must refuse acting on unknown users: follow, message).
   */
  public Future<Void> requireExists(long id, String field) {
    return profiles(List.of(id)).compose(found -> found.isEmpty()
        ? Future.failedFuture(Failure.notFound(field + ": user " + id + " does not exist"))
        : Future.<Void>succeededFuture());
  }

  private static JsonObject credentials(String username, String password) {
    return new JsonObject().put("username", username).put("password", password);
  }

  private static long userId(JsonObject reply) {
    return reply.getLong("user_id");
  }
}
