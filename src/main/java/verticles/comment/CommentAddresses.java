package verticles.comment;

/** The comment domain's event-bus addresses (docs/eventbus.md); other packages use them through {@link CommentClient}. */
final class CommentAddresses {
  static final String POST = "comment.post";
  static final String DELETE = "comment.delete";
  static final String LIST_BY_VIDEO = "comment.listByVideo";
  static final String GET = "comment.get";
  static final String VIDEO_STATS = "comment.videoStats";
  static final String DANMAKU_POST = "comment.danmakuPost";
  static final String DANMAKU_LIST = "comment.danmakuList";

  private CommentAddresses() {
  }
}
