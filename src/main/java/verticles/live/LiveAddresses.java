package verticles.live;

/**
 * The clustered event-bus addresses of the live push (docs/eventbus.md): what is pushed to the
 * watchers of a video and to a user's sockets. A node registers one consumer per address it has
 * sockets for, whatever their number, and fans out to them itself.
 */
final class LiveAddresses {
  private static final String VIDEO = "live.video.";
  private static final String USER = "live.user.";

  private LiveAddresses() {
  }

  static String video(long videoId) {
    return VIDEO + videoId;
  }

  static String user(long userId) {
    return USER + userId;
  }

  static boolean isVideo(String address) {
    return address.startsWith(VIDEO);
  }
}
