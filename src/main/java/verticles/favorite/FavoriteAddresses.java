package verticles.favorite;

/** The favorite domain's event-bus addresses (docs/eventbus.md); other packages use them through {@link FavoriteClient}. */
final class FavoriteAddresses {
  static final String LIKE = "favorite.like";
  static final String UNLIKE = "favorite.unlike";
  static final String LIST_BY_USER = "favorite.listByUser";
  static final String VIDEO_STATS = "favorite.videoStats";
  static final String USER_STATS = "favorite.userStats";

  private FavoriteAddresses() {
  }
}
