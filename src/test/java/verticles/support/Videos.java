package verticles.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import verticles.video.VideoClient;

/**
 * Creates videos through the video domain's client (the publish path stores files first; these
 * tests need only the rows), and reads counts from the database.
 */
public final class Videos {
  private Videos() {
  }

  /** A created video: its id and publish time. */
  public record Video(long id, long createdAt) {
    public String idParam() {
      return Long.toString(id);
    }
  }

  public static Video create(TestApp app, long authorId) {
    VideoClient.Created created = new VideoClient(app.bus())
        .create(authorId, "video of " + authorId, "/media/videos/x.mp4", "/media/covers/x.jpg", "local", null, 0).await();
    return new Video(created.videoId(), created.createdAt());
  }

  /** The Video object of {@code video} as the feed shows it to the owner of {@code token} (may be null). */
  public static JsonObject fromFeed(Api api, Video video, String token) {
    Api.Reply reply = token == null
        ? api.get("/douyin/feed/", "latest_time", Long.toString(video.createdAt() + 1))
        : api.get("/douyin/feed/", "latest_time", Long.toString(video.createdAt() + 1), "token", token);
    if (reply.code() != 0) {
      throw new AssertionError("feed failed: " + reply);
    }
    JsonArray list = reply.body().getJsonArray("video_list");
    for (int i = 0; i < list.size(); i++) {
      if (list.getJsonObject(i).getLong("id") == video.id()) {
        return list.getJsonObject(i);
      }
    }
    throw new AssertionError("video " + video.id() + " is not in the feed: " + reply);
  }

  /** The complete User {@code id} as user info shows it. */
  public static JsonObject user(Api api, long id) {
    Api.Reply reply = api.get("/douyin/user/", "user_id", Long.toString(id));
    if (reply.code() != 0) {
      throw new AssertionError("user info failed: " + reply);
    }
    return reply.body().getJsonObject("user");
  }

  /** {@code SELECT COUNT(*)} with one id argument, straight from the database (fine in tests only). */
  public static long count(TestApp app, String sql, long id) {
    return app.node().database().query(sql, Tuple.of(id)).await().iterator().next().getLong(0);
  }
}
