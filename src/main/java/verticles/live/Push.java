package verticles.live;

import io.vertx.core.json.JsonObject;

/** One push: the address of who gets it ({@link LiveAddresses}) and the text of its frame, encoded once. */
public record Push(String address, String text) {
  /** {@code event} to the sockets watching {@code videoId}. */
  public static Push toWatchers(long videoId, JsonObject event) {
    return new Push(LiveAddresses.video(videoId), event.encode());
  }

  /** {@code event} to the sockets of {@code userId}. */
  public static Push toUser(long userId, JsonObject event) {
    return new Push(LiveAddresses.user(userId), event.encode());
  }
}
