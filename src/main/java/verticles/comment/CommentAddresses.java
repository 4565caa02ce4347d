package verticles.comment;

/** The comment domain's event-bus addresses (docs/eventbus.md). */
public final class CommentAddresses {
  public static final String POST = "comment.post";
  public static final String DELETE = "comment.delete";
  public static final String LIST_BY_VIDEO = "comment.listByVideo";
  public static final String VIDEO_STATS = "comment.videoStats";

  private CommentAddresses() {
  }
}
