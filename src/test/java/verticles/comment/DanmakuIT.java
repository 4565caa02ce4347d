package verticles.comment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import verticles.support.Api.Reply;
import verticles.support.Clips;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static verticles.support.Api.assertFailure;

/**
 * Danmaku over HTTP on a whole node: the element and its defaults, the list's window and order,
 * every field's bounds (progress within the duration recorded at publish), and the per-user
 * limits answered as HTTP 429 with Retry-After and the envelope.
 */
class DanmakuIT extends OneNodePerClass {
  private static Reply post(Account who, long videoId, String content, long progressMs, String... more) {
    List<String> params = new ArrayList<>(List.of("token", who.token(), "video_id", Long.toString(videoId),
        "content", content, "progress_ms", Long.toString(progressMs)));
    params.addAll(List.of(more));
    return api.post("/douyin/danmaku/action/", params.toArray(String[]::new));
  }

  private static JsonArray list(long videoId, String... window) {
    List<String> params = new ArrayList<>(List.of("video_id", Long.toString(videoId)));
    params.addAll(List.of(window));
    Reply reply = api.get("/douyin/danmaku/list/", params.toArray(String[]::new));
    assertEquals(0, reply.code(), reply.toString());
    return reply.body().getJsonArray("danmaku_list");
  }

  @Test
  void aPostAnswersTheStoredElementAndTheListIsAWindowByProgress() {
    Account viewer = Users.register(api, "dm_viewer");
    Account other = Users.register(api, "dm_other");
    Video video = Videos.create(app, viewer.id());

    Reply posted = post(viewer, video.id(), "  前方高能 😀  ", 5_000);
    assertEquals(0, posted.code(), posted.toString());
    JsonObject element = posted.body().getJsonObject("danmaku");
    assertTrue(element.getLong("id") > 0);
    assertEquals(video.id(), element.getLong("video_id"));
    assertEquals(viewer.id(), element.getLong("user_id"));
    assertEquals("前方高能 😀", element.getString("content"));
    assertEquals(5_000L, element.getLong("progress_ms"));
    assertEquals(List.of(1, 16777215, 25), List.of(element.getInteger("mode"), element.getInteger("color"),
        element.getInteger("font_size")), "the defaults: scrolling, white, 25");
    assertTrue(Math.abs(System.currentTimeMillis() - element.getLong("create_time")) < 60_000, "create_time in ms");

    Reply styled = post(other, video.id(), "top", 1_000, "mode", "5", "color", "16711680", "font_size", "36");
    assertEquals(0, styled.code(), styled.toString());
    assertEquals(List.of(5, 16711680, 36), List.of(styled.body().getJsonObject("danmaku").getInteger("mode"),
        styled.body().getJsonObject("danmaku").getInteger("color"), styled.body().getJsonObject("danmaku").getInteger("font_size")));

    JsonArray all = list(video.id());
    assertEquals(List.of(1_000L, 5_000L), List.of(all.getJsonObject(0).getLong("progress_ms"), all.getJsonObject(1).getLong("progress_ms")),
        "ordered by progress, not by posting");
    assertEquals(element, all.getJsonObject(1), "the list shows the element the post answered");
    assertEquals(1, list(video.id(), "from_ms", "2000", "to_ms", "6000").size(), "a window");
    assertEquals(0, list(video.id(), "from_ms", "5001").size());
  }

  @Test
  void progressIsCheckedAgainstTheDurationRecordedAtPublish(@TempDir Path tmp) {
    Account author = Users.register(api, "dm_publisher");
    Reply published = api.postMultipart("/douyin/publish/action/", MultipartForm.create()
        .attribute("token", author.token()).attribute("title", "two seconds")
        .binaryFileUpload("data", "clip.mp4", Clips.mp4(tmp.resolve("clip.mp4"), 2).toString(), "video/mp4"));
    assertEquals(0, published.code(), published.toString());
    long videoId = api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()))
        .body().getJsonArray("video_list").getJsonObject(0).getLong("id");

    assertEquals(0, post(author, videoId, "near the end", 1_900).code());
    assertFailure(post(author, videoId, "after the end", 2_500), 400, "within the video");
  }

  @Test
  void everyFieldIsBounded() {
    Account viewer = Users.register(api, "dm_bounds");
    Video video = Videos.create(app, viewer.id());
    long id = video.id();
    assertFailure(post(viewer, id, "x".repeat(101), 0), 400, "content");
    assertFailure(post(viewer, id, "   ", 0), 400, "content");
    assertFailure(post(viewer, id, "two\nlines", 0), 400, "content");
    assertFailure(post(viewer, id, "mode", 0, "mode", "2"), 400, "mode");
    assertFailure(post(viewer, id, "colour", 0, "color", "16777216"), 400, "color");
    assertFailure(post(viewer, id, "size", 0, "font_size", "24"), 400, "font_size");
    for (String progress : List.of("-1", "1.5", "abc", "")) {
      assertFailure(api.post("/douyin/danmaku/action/", "token", viewer.token(), "video_id", video.idParam(),
          "content", "progress", "progress_ms", progress), 400, "progress_ms");
    }
    assertFailure(post(viewer, id, "far", 1_000_000_000L), 400, "within the video");
    assertFailure(post(viewer, 999_999_999L, "nowhere", 0), 404, "999999999");
    Reply noToken = api.post("/douyin/danmaku/action/", "video_id", video.idParam(), "content", "hi", "progress_ms", "0");
    assertEquals(401, noToken.code(), noToken.toString());
    Reply wide = api.get("/douyin/danmaku/list/", "video_id", video.idParam(), "from_ms", "0", "to_ms", "360001");
    assertFailure(wide, 400, "6 minutes");
    assertFailure(api.get("/douyin/danmaku/list/", "video_id", video.idParam(), "from_ms", "9", "to_ms", "8"), 400, "to_ms");
    assertEquals(0, list(id).size(), "nothing refused was stored");
  }

  @Test
  void aSecondDanmakuOnOneVideoWithinThreeSecondsIsRefusedWithRetryAfter() {
    Account viewer = Users.register(api, "dm_fast");
    // Two posts in a row are well within three seconds, unless the machine stalls between them:
    // then the second is rightly accepted, and the test goes again on another video.
    Poll.until("a second danmaku within 3 s to be refused", Duration.ofSeconds(30), () -> {
      Video video = Videos.create(app, viewer.id());
      Reply first = post(viewer, video.id(), "first", 0);
      assertEquals(0, first.code(), first.toString());
      Reply second = post(viewer, video.id(), "second", 0);
      if (second.code() == 0) {
        long gap = second.body().getJsonObject("danmaku").getLong("create_time")
            - first.body().getJsonObject("danmaku").getLong("create_time");
        assertTrue(gap >= 3_000, "accepted only 3 s or more after the first, got " + gap + " ms");
        return false;
      }
      assertTooMany(second, 3);
      return true;
    });
  }

  @Test
  void twentyDanmakuAMinuteAtMost() {
    Account viewer = Users.register(api, "dm_many");
    long started = System.currentTimeMillis();
    for (int i = 0; i < 20; i++) {
      Reply posted = post(viewer, Videos.create(app, viewer.id()).id(), "number " + i, 0);
      assertEquals(0, posted.code(), posted.toString());
    }
    Reply refused = post(viewer, Videos.create(app, viewer.id()).id(), "one too many", 0);
    assertTrue(System.currentTimeMillis() - started < 60_000, "the 20 posts took under a minute");
    assertTooMany(refused, 60);
    assertTrue(refused.message().contains("20 danmaku a minute"), refused.message());
  }

  /** HTTP 429 with the envelope and a Retry-After of 1 to {@code maxSeconds}. */
  private static void assertTooMany(Reply reply, int maxSeconds) {
    assertEquals(429, reply.status(), reply.toString());
    assertEquals(429, reply.code(), reply.toString());
    assertTrue(reply.body().containsKey("status_msg"));
    long retryAfter = Long.parseLong(reply.raw().getHeader("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= maxSeconds, "Retry-After " + retryAfter);
  }
}
