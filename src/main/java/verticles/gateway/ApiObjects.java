package verticles.gateway;

import io.vertx.core.json.JsonObject;
import verticles.comment.Comment;
import verticles.comment.Danmaku;
import verticles.favorite.FavoriteClient.UserLikes;
import verticles.favorite.FavoriteClient.VideoLikes;
import verticles.message.ChatMessage;
import verticles.message.MessageClient.Latest;
import verticles.relation.RelationClient.Follows;
import verticles.user.Profile;
import verticles.video.VideoRow;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The objects of the Douyin API as the contract defines them (docs/api.md): User, Video, Comment,
 * Message and FriendUser, each built here field by field from what the domains answer, so that
 * nothing a domain adds to its replies reaches the wire.
 */
final class ApiObjects {
  private ApiObjects() {
  }

  /** A User: the profile, its follows and likes, and how many videos it published. URLs made absolute. */
  static JsonObject user(Profile profile, Follows follows, UserLikes likes, long workCount, String base) {
    return new JsonObject()
        .put("id", profile.id())
        .put("name", profile.name())
        .put("follow_count", follows.followCount())
        .put("follower_count", follows.followerCount())
        .put("is_follow", follows.isFollow())
        .put("avatar", PublicUrl.absolute(base, profile.avatar()))
        .put("background_image", PublicUrl.absolute(base, profile.backgroundImage()))
        .put("signature", profile.signature())
        .put("total_favorited", likes.totalFavorited())
        .put("work_count", workCount)
        .put("favorite_count", likes.favoriteCount());
  }

  /** The User of an id the user domain does not know (an author without an account): the id and zero values. */
  static JsonObject unknownUser(long id) {
    return user(new Profile(id, "", "", "", ""), Follows.NONE, UserLikes.NONE, 0, "");
  }

  /** A Video: the row, its author (a User), its likes and comment count. URLs made absolute. */
  static JsonObject video(VideoRow row, JsonObject author, VideoLikes likes, long commentCount, String base) {
    return new JsonObject()
        .put("id", row.id())
        .put("author", author)
        .put("play_url", PublicUrl.absolute(base, row.playUrl()))
        .put("cover_url", PublicUrl.absolute(base, row.coverUrl()))
        .put("favorite_count", likes.favoriteCount())
        .put("comment_count", commentCount)
        .put("is_favorite", likes.isFavorite())
        .put("title", row.title());
  }

  /** A Comment: {@code create_date} is {@code MM-dd} in the configured time zone. */
  static JsonObject comment(Comment comment, JsonObject user, DateTimeFormatter createDate) {
    return new JsonObject()
        .put("id", comment.id())
        .put("user", user)
        .put("content", comment.content())
        .put("create_date", createDate.format(Instant.ofEpochMilli(comment.createdAt())));
  }

  /** A danmaku element (the contract's Extensions): {@code create_time} in epoch milliseconds. */
  static JsonObject danmaku(Danmaku danmaku) {
    return new JsonObject()
        .put("id", danmaku.id())
        .put("video_id", danmaku.videoId())
        .put("user_id", danmaku.userId())
        .put("content", danmaku.content())
        .put("progress_ms", danmaku.progressMs())
        .put("mode", danmaku.mode())
        .put("color", danmaku.color())
        .put("font_size", danmaku.fontSize())
        .put("create_time", danmaku.createdAt());
  }

  /** A Message: {@code create_time} in epoch milliseconds. */
  static JsonObject message(ChatMessage message) {
    return new JsonObject()
        .put("id", message.id())
        .put("from_user_id", message.fromUserId())
        .put("to_user_id", message.toUserId())
        .put("content", message.content())
        .put("create_time", message.createTime());
  }

  /**
   * A FriendUser: the User plus the latest message between the caller and this friend ({@code ""}
   * when none) and {@code msgType} (1 = the caller sent it, 0 = received).
   */
  static JsonObject friend(JsonObject user, Latest latest, long caller) {
    boolean sent = latest != null && latest.fromUserId() == caller;
    return user.put("message", latest == null ? "" : latest.content()).put("msgType", sent ? 1L : 0L);
  }
}
