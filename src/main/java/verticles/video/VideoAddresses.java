package verticles.video;

/** The video domain's event-bus addresses (docs/eventbus.md); other packages use them through {@link VideoClient}. */
final class VideoAddresses {
  static final String CREATE = "video.create";
  static final String GET_MANY = "video.getMany";
  static final String FEED = "video.feed";
  static final String LIST_BY_AUTHOR = "video.listByAuthor";
  static final String USER_STATS = "video.userStats";
  static final String HOT = "video.hot";
  /** Rendition jobs (media_jobs, docs/media.md): the media workers of any node run them. */
  static final String JOBS_DUE = "video.jobsDue";
  static final String JOBS_QUEUED = "video.jobsQueued";
  static final String JOB_CLAIM = "video.jobClaim";
  static final String JOB_RENEW = "video.jobRenew";
  static final String JOB_DONE = "video.jobDone";
  static final String JOB_FAILED = "video.jobFailed";
  static final String JOB_COUNTS = "video.jobCounts";
  /** Published (to every node) after a video is recorded: {@code {video_id, author_id, created_at}}. */
  static final String CREATED = "video.created";
  /** Published (to every node) after a recorded video changed what it plays (its rendition is ready): {@code {video_id}}. */
  static final String CHANGED = "video.changed";

  private VideoAddresses() {
  }
}
