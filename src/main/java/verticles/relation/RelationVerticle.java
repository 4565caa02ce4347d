package verticles.relation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Fields;
import verticles.common.Page;
import verticles.common.PageRequest;
import verticles.common.bus.Domain;
import verticles.common.bus.DomainVerticle;
import verticles.common.config.Config;
import verticles.common.db.Database;
import verticles.user.UserClient;

import java.util.List;

/**
 * The relation domain: follows, the follow, follower and friend lists, and the follow counts and
 * {@code is_follow} that the gateway merges into every User. Following checks with the user
 * domain that the followee exists.
 */
public final class RelationVerticle extends DomainVerticle {
  private final Database db;
  private final UserClient users;
  private RelationRepository relations;

  public RelationVerticle(Database db, UserClient users) {
    super(Domain.RELATION);
    this.db = db;
    this.users = users;
  }

  @Override
  protected Future<?> setUp(Config config) {
    return counterCache(config, db).onSuccess(counters -> {
      relations = new RelationRepository(db, counters);
      on(RelationAddresses.FOLLOW, this::follow);
      on(RelationAddresses.UNFOLLOW, this::unfollow);
      on(RelationAddresses.FOLLOWING, body -> list(relations.following(Fields.id(body, "user_id"), PageRequest.of(body))));
      on(RelationAddresses.FOLLOWERS, body -> list(relations.followers(Fields.id(body, "user_id"), PageRequest.of(body))));
      on(RelationAddresses.FRIENDS, body -> list(relations.friends(Fields.id(body, "user_id"), PageRequest.of(body))));
      on(RelationAddresses.USER_STATS, this::userStats);
    });
  }

  private Future<JsonObject> follow(JsonObject body) {
    long user = Fields.id(body, "user_id");
    long target = Fields.otherUser(body, "to_user_id", user, "follow");
    return users.requireExists(target, "to_user_id")
        .compose(v -> relations.follow(user, target, System.currentTimeMillis()))
        .map(changed -> new JsonObject());
  }

  private Future<JsonObject> unfollow(JsonObject body) {
    long user = Fields.id(body, "user_id");
    long target = Fields.otherUser(body, "to_user_id", user, "unfollow");
    return users.requireExists(target, "to_user_id")
        .compose(v -> relations.unfollow(user, target))
        .map(changed -> new JsonObject());
  }

  private Future<JsonObject> userStats(JsonObject body) {
    List<Long> ids = Fields.ids(body, "user_ids");
    long viewer = Fields.optionalId(body, "viewer_id");
    return relations.stats(ids, viewer).map(stats -> new JsonObject().put("stats", new JsonArray(List.copyOf(stats))));
  }

  private static Future<JsonObject> list(Future<Page<Long>> ids) {
    return ids.map(page -> page.into(new JsonObject(), "user_ids", id -> id));
  }
}
