package verticles.relation;

/** The relation domain's event-bus addresses (docs/eventbus.md); other packages use them through {@link RelationClient}. */
final class RelationAddresses {
  static final String FOLLOW = "relation.follow";
  static final String UNFOLLOW = "relation.unfollow";
  static final String FOLLOWING = "relation.following";
  static final String FOLLOWERS = "relation.followers";
  static final String FRIENDS = "relation.friends";
  static final String USER_STATS = "relation.userStats";

  private RelationAddresses() {
  }
}
