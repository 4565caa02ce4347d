package verticles.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.favorite.FavoriteClient.UserLikes;
import verticles.favorite.FavoriteClient.VideoLikes;
import verticles.relation.RelationClient.Follows;
import verticles.user.Profile;
import verticles.video.VideoRow;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * An encoded page is byte for byte the page's JSON: as is for anonymous viewers, and with a
 * viewer's likes and follows written in, the bytes of the same tree with those fields set.
 */
class EncodedPageTest {
  private static final String BASE = "http://example.test";

  private static JsonObject video(long id, long authorId, String title, long likes) {
    JsonObject author = ApiObjects.user(new Profile(authorId, "author \"" + authorId + "\" ✓", "/a.png", "", "sig\n<b>"),
        new Follows(3, 4, false), new UserLikes(5, 6), 7, BASE);
    VideoRow row = new VideoRow(id, authorId, title, "/media/videos/" + id + ".mp4", "/media/covers/" + id + ".jpg", 2000,
        1000 + id);
    return ApiObjects.video(row, author, new VideoLikes(likes, false), 2, BASE);
  }

  private static JsonObject page() {
    return Envelope.success(new JsonObject()
        .put("video_list", new JsonArray().add(video(11, 1, "first 🎬 \\ \u0001", 9)).add(video(12, 2, "", 0))
            .add(video(13, 1, "third", 1)))
        .put("next_time", 1_700_000_000_000L));
  }

  @Test
  void anAnonymousViewerGetsThePageAsEncoded() {
    EncodedPage encoded = EncodedPage.of(page());
    assertEquals(page().toBuffer(), encoded.anonymous());
    assertSame(encoded.anonymous(), encoded.anonymous(), "encoded once");
    assertEquals(Set.of(11L, 12L, 13L), encoded.videoIds());
    assertEquals(Set.of(1L, 2L), encoded.authorIds());
  }

  @Test
  void aViewersPageIsTheTreeWithTheViewersFieldsSet() {
    EncodedPage encoded = EncodedPage.of(page());
    Map<Long, VideoLikes> likes = Map.of(11L, new VideoLikes(10, true), 13L, new VideoLikes(0, false));
    Map<Long, Follows> follows = Map.of(1L, new Follows(30, 40_000_000_000L, true));

    JsonObject expected = page();
    for (Object item : expected.getJsonArray("video_list")) {
      JsonObject video = (JsonObject) item;
      VideoLikes own = likes.get(video.getLong("id"));
      if (own != null) {
        video.put("favorite_count", own.favoriteCount()).put("is_favorite", own.isFavorite());
      }
      Follows follow = follows.get(video.getJsonObject("author").getLong("id"));
      if (follow != null) {
        video.getJsonObject("author").put("follow_count", follow.followCount())
            .put("follower_count", follow.followerCount()).put("is_follow", follow.isFollow());
      }
    }
    assertEquals(expected.toBuffer(), encoded.personalized(likes, follows));
    assertEquals(page().toBuffer(), encoded.anonymous(), "the shared page is not changed");
  }

  @Test
  void anEmptyPageIsTheEnvelopeAndNextTime() {
    JsonObject empty = Envelope.success(new JsonObject().put("video_list", new JsonArray()).put("next_time", 0L));
    EncodedPage encoded = EncodedPage.of(empty);
    assertEquals(empty.toBuffer(), encoded.anonymous());
    assertEquals(empty.toBuffer(), encoded.personalized(Map.of(), Map.of()));
  }
}
