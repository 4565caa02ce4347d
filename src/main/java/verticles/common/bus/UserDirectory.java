package verticles.common.bus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;

import java.util.List;

/**
 * Asks the user domain whether a user exists ({@code user.getMany} through the {@link BusClient}),
 * for domains that must refuse acting on unknown users (follow, message).
 */
public final class UserDirectory {
  private final BusClient bus;

  public UserDirectory(BusClient bus) {
    this.bus = bus;
  }

  /** Succeeds when user {@code id} exists; a 404 naming {@code field} when not. */
  public Future<Void> requireExists(long id, String field) {
    return bus.request("user.getMany", new JsonObject().put("ids", new JsonArray(List.of(id))))
        .compose(reply -> {
          JsonArray users = reply.getJsonArray("users", new JsonArray());
          return users.isEmpty()
              ? Future.failedFuture(Failure.notFound(field + ": user " + id + " does not exist"))
              : Future.<Void>succeededFuture();
        });
  }
}
