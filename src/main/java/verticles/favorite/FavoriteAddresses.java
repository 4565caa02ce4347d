package verticles.favorite;

/** The favorite domain's event-bus addresses (docs/eventbus.md). */
public final class FavoriteAddresses {
  public static final String LIKE = "favorite.like";
  public static final String UNLIKE = "favorite.unlike";
  public static final String LIST_BY_USER = "favorite.listByUser";
  public static final String VIDEO_STATS = "favorite.videoStats";
  public static final String USER_STATS = "favorite.userStats";

  private FavoriteAddresses() {
  }
}
