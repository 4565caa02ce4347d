package verticles.relation;

/** The relation domain's event-bus addresses (docs/eventbus.md). */
public final class RelationAddresses {
  public static final String FOLLOW = "relation.follow";
  public static final String UNFOLLOW = "relation.unfollow";
  public static final String FOLLOWING = "relation.following";
  public static final String FOLLOWERS = "relation.followers";
  public static final String FRIENDS = "relation.friends";
  public static final String USER_STATS = "relation.userStats";

  private RelationAddresses() {
  }
}
