package verticles.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.favorite.FavoriteClient.VideoLikes;
import verticles.relation.RelationClient.Follows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A feed page's response body ({@code video_list} of Videos) encoded once: the bytes an anonymous
 * viewer gets, and the same bytes cut around the fields that are each viewer's own, so that a
 * viewer's page is those pieces with the viewer's values between them instead of a copy of the
 * page's tree encoded again. The viewer's own fields are a Video's {@code favorite_count} and
 * {@code is_favorite} and its author's {@code follow_count}, {@code follower_count} and
 * {@code is_follow}. The bytes are those of {@link JsonObject#toBuffer()} of the same page, field
 * for field.
 */
final class EncodedPage {
  private enum Field { FOLLOW_COUNT, FOLLOWER_COUNT, IS_FOLLOW, FAVORITE_COUNT, IS_FAVORITE }

  /** A viewer's own field of video or user {@code id}, and its encoded value on the anonymous page. */
  private record Hole(Field field, long id, String anonymous) {
    String value(Map<Long, VideoLikes> likes, Map<Long, Follows> follows) {
      VideoLikes videoLikes = likes.get(id);
      Follows userFollows = follows.get(id);
      return switch (field) {
        case FAVORITE_COUNT -> videoLikes == null ? anonymous : Long.toString(videoLikes.favoriteCount());
        case IS_FAVORITE -> videoLikes == null ? anonymous : Boolean.toString(videoLikes.isFavorite());
        case FOLLOW_COUNT -> userFollows == null ? anonymous : Long.toString(userFollows.followCount());
        case FOLLOWER_COUNT -> userFollows == null ? anonymous : Long.toString(userFollows.followerCount());
        case IS_FOLLOW -> userFollows == null ? anonymous : Boolean.toString(userFollows.isFollow());
      };
    }
  }

  /** The constant bytes before each hole, and after the last: one more than there are holes. */
  private final List<Buffer> pieces;
  private final List<Hole> holes;
  private final Set<Long> videoIds;
  private final Set<Long> authorIds;
  private final Buffer anonymous;
  private final boolean partial;

  private EncodedPage(List<Buffer> pieces, List<Hole> holes, Set<Long> videoIds, Set<Long> authorIds, boolean partial) {
    this.pieces = pieces;
    this.holes = holes;
    this.videoIds = videoIds;
    this.authorIds = authorIds;
    this.anonymous = personalized(Map.of(), Map.of());
    this.partial = partial;
  }

  /** Encodes {@code body}: a whole response body whose {@code video_list} holds complete Videos. */
  static EncodedPage of(JsonObject body) {
    Cutter cutter = new Cutter();
    cutter.body(body);
    return cutter.page(!"success".equals(body.getString("status_msg")));
  }

  /** Whether the page misses fields (its {@code status_msg} is not "success": a domain was unavailable). */
  boolean partial() {
    return partial;
  }

  /** The body as an anonymous viewer gets it: the same buffer every time. */
  Buffer anonymous() {
    return anonymous;
  }

  Set<Long> videoIds() {
    return videoIds;
  }

  Set<Long> authorIds() {
    return authorIds;
  }

  /** The body with {@code likes} by video id and {@code follows} by author id; fields without an entry stay as cached. */
  Buffer personalized(Map<Long, VideoLikes> likes, Map<Long, Follows> follows) {
    Buffer out = Buffer.buffer(anonymous == null ? 4096 : anonymous.length() + 8 * holes.size());
    for (int i = 0; i < holes.size(); i++) {
      out.appendBuffer(pieces.get(i)).appendString(holes.get(i).value(likes, follows));
    }
    return out.appendBuffer(pieces.get(holes.size()));
  }

  /** Writes a body as JSON in field order, cutting a piece at each of the viewer's own fields. */
  private static final class Cutter {
    private Buffer piece = Buffer.buffer();
    private final List<Buffer> pieces = new ArrayList<>();
    private final List<Hole> holes = new ArrayList<>();
    private final Set<Long> videoIds = new LinkedHashSet<>();
    private final Set<Long> authorIds = new LinkedHashSet<>();

    void body(JsonObject body) {
      object(body, (key, value) -> {
        if (!key.equals("video_list")) {
          return false;
        }
        JsonArray videos = (JsonArray) value;
        piece.appendString("[");
        for (int i = 0; i < videos.size(); i++) {
          piece.appendString(i == 0 ? "" : ",");
          video(videos.getJsonObject(i));
        }
        piece.appendString("]");
        return true;
      });
    }

    private void video(JsonObject video) {
      long id = video.getLong("id");
      videoIds.add(id);
      object(video, (key, value) -> switch (key) {
        case "author" -> {
          author((JsonObject) value);
          yield true;
        }
        case "favorite_count" -> hole(Field.FAVORITE_COUNT, id, value);
        case "is_favorite" -> hole(Field.IS_FAVORITE, id, value);
        default -> false;
      });
    }

    private void author(JsonObject author) {
      long id = author.getLong("id");
      authorIds.add(id);
      object(author, (key, value) -> switch (key) {
        case "follow_count" -> hole(Field.FOLLOW_COUNT, id, value);
        case "follower_count" -> hole(Field.FOLLOWER_COUNT, id, value);
        case "is_follow" -> hole(Field.IS_FOLLOW, id, value);
        default -> false;
      });
    }

    private boolean hole(Field field, long id, Object value) {
      pieces.add(piece);
      piece = Buffer.buffer();
      holes.add(new Hole(field, id, encoded(value).toString()));
      return true;
    }

    /** Writes {@code object}'s fields; {@code writes} writes a value itself (true) or leaves it to plain encoding. */
    private void object(JsonObject object, BiPredicate<String, Object> writes) {
      piece.appendString("{");
      boolean first = true;
      for (Map.Entry<String, Object> field : object) {
        piece.appendString(first ? "" : ",").appendBuffer(encoded(field.getKey())).appendString(":");
        first = false;
        if (!writes.test(field.getKey(), field.getValue())) {
          piece.appendBuffer(encoded(field.getValue()));
        }
      }
      piece.appendString("}");
    }

    /** A value encoded as {@link JsonObject#toBuffer()} encodes it (which escapes what a String encoding would not). */
    private static Buffer encoded(Object value) {
      return Json.CODEC.toBuffer(value, false);
    }

    EncodedPage page(boolean partial) {
      pieces.add(piece);
      return new EncodedPage(List.copyOf(pieces), List.copyOf(holes), Collections.unmodifiableSet(videoIds),
          Collections.unmodifiableSet(authorIds), partial);
    }
  }
}
