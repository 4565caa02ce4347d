package verticles.video;

/** The video domain's event-bus addresses (docs/eventbus.md). */
public final class VideoAddresses {
  public static final String CREATE = "video.create";
  public static final String GET_MANY = "video.getMany";
  public static final String FEED = "video.feed";
  public static final String LIST_BY_AUTHOR = "video.listByAuthor";
  public static final String USER_STATS = "video.userStats";
  /** Published (to every node) after a video is recorded: {@code {video_id, author_id, created_at}}. */
  public static final String CREATED = "video.created";

  private VideoAddresses() {
  }
}
