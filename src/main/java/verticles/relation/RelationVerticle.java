package verticles.relation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Ids;
import verticles.common.bus.BusClient;
import verticles.common.bus.DomainVerticle;
import verticles.common.bus.UserDirectory;
import verticles.common.config.Config;
import verticles.common.db.Database;

import java.util.List;

/**
 * The relation domain: follows, the follow, follower and friend lists, and the follow counts and
 * {@code is_follow} that the gateway merges into every User. Following checks with the user
 * domain that the followee exists.
 */
public final class RelationVerticle extends DomainVerticle {
  private final Database db;
  private RelationRepository relations;
  private UserDirectory users;

  public RelationVerticle(Database db) {
    super("relation");
    this.db = db;
  }

  @Override
  protected Future<?> setUp(Config config) {
    relations = new RelationRepository(db);
    users = new UserDirectory(new BusClient(vertx, config));
    on(RelationAddresses.FOLLOW, this::follow);
    on(RelationAddresses.UNFOLLOW, this::unfollow);
    on(RelationAddresses.FOLLOWING, body -> list(relations.following(Ids.require(body, "user_id"))));
    on(RelationAddresses.FOLLOWERS, body -> list(relations.followers(Ids.require(body, "user_id"))));
    on(RelationAddresses.FRIENDS, body -> list(relations.friends(Ids.require(body, "user_id"))));
    on(RelationAddresses.USER_STATS, this::userStats);
    return Future.succeededFuture();
  }

  private Future<JsonObject> follow(JsonObject body) {
    long user = Ids.require(body, "user_id");
    long target = target(body, user, "follow");
    return users.requireExists(target, "to_user_id")
        .compose(v -> relations.follow(user, target, System.currentTimeMillis()))
        .map(changed -> new JsonObject());
  }

  private Future<JsonObject> unfollow(JsonObject body) {
    long user = Ids.require(body, "user_id");
    long target = target(body, user, "unfollow");
    return users.requireExists(target, "to_user_id")
        .compose(v -> relations.unfollow(user, target))
        .map(changed -> new JsonObject());
  }

  /** {@code to_user_id}, which must not be the user. */
  private static long target(JsonObject body, long user, String action) {
    long target = Ids.require(body, "to_user_id");
    if (user == target) {
      throw Failure.badRequest("to_user_id: you cannot " + action + " yourself");
    }
    return target;
  }

  private Future<JsonObject> userStats(JsonObject body) {
    List<Long> ids = Ids.list(body, "user_ids");
    long viewer = Ids.optional(body, "viewer_id");
    return relations.stats(ids, viewer).map(stats -> new JsonObject().put("stats", new JsonArray(List.copyOf(stats))));
  }

  private static Future<JsonObject> list(Future<List<Long>> ids) {
    return ids.map(found -> new JsonObject().put("user_ids", new JsonArray(List.copyOf(found))));
  }
}
