package verticles.video;

/** The video domain's event-bus addresses (docs/eventbus.md). */
public final class VideoAddresses {
  public static final String CREATE = "video.create";
  public static final String GET_MANY = "video.getMany";
  public static final String FEED = "video.feed";
  public static final String LIST_BY_AUTHOR = "video.listByAuthor";
  public static final String USER_STATS = "video.userStats";

  private VideoAddresses() {
  }
}
