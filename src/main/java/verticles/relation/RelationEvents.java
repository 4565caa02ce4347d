package verticles.relation;

import io.vertx.core.json.JsonObject;
import verticles.events.DomainEvent;

/** The relation domain's events (docs/events.md), in order per follower: {@code follower_id, followee_id}. */
public final class RelationEvents {
  public static final String FOLLOWED = "relation.followed";
  public static final String UNFOLLOWED = "relation.unfollowed";

  private RelationEvents() {
  }

  static DomainEvent of(String type, long follower, long followee) {
    return DomainEvent.of(type, "user:" + follower,
        new JsonObject().put("follower_id", follower).put("followee_id", followee));
  }
}
