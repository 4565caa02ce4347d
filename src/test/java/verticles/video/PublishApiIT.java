package verticles.video;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import verticles.Role;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.Api.Reply;
import verticles.support.Clips;
import verticles.support.Images;
import verticles.support.MediaDirs;
import verticles.support.OneNodePerClass;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.support.Users.Account;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publish over HTTP with real media processing: publish → publish list → feed → the stored video
 * (full and Range) and its cover; and every kind of bad upload, each leaving nothing behind.
 */
class PublishApiIT extends OneNodePerClass {
  private static MediaDirs dirs;
  private static Path clip;

  @BeforeAll
  static void makeClip(@TempDir Path tmp) {
    dirs = new MediaDirs(app);
    clip = Clips.mp4(tmp.resolve("clip.mp4"), 2);
  }

  static MultipartForm form(String token, String title, String fileName, Path file) {
    MultipartForm form = MultipartForm.create();
    if (token != null) {
      form.attribute("token", token);
    }
    if (title != null) {
      form.attribute("title", title);
    }
    if (file != null) {
      form.binaryFileUpload("data", fileName, file.toString(), "video/mp4");
    }
    return form;
  }

  static Reply publish(Api api, String token, String title, Path file) {
    return api.postMultipart("/douyin/publish/action/", form(token, title, file.getFileName().toString(), file));
  }

  @Test
  void publishedVideoAppearsInTheListAndTheFeedAndItsFilesAreServed() throws IOException {
    Account author = Users.register(api, "publisher");
    Reply published = publish(api, author.token(), "my first clip 🎬", clip);
    assertEquals(200, published.status());
    assertEquals(0, published.code(), published.toString());

    Reply list = api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()));
    assertEquals(0, list.code(), list.toString());
    JsonArray videos = list.body().getJsonArray("video_list");
    assertEquals(1, videos.size());
    JsonObject video = videos.getJsonObject(0);
    assertEquals("my first clip 🎬", video.getString("title"));
    assertCompleteVideo(video);
    assertEquals(author.id(), video.getJsonObject("author").getLong("id"));
    assertEquals(author.name(), video.getJsonObject("author").getString("name"));
    assertEquals(1L, video.getJsonObject("author").getLong("work_count"));
    String base = "http://127.0.0.1:" + app.port() + "/media/";
    assertTrue(video.getString("play_url").startsWith(base + "videos/"), video.encode());
    assertTrue(video.getString("cover_url").startsWith(base + "covers/"), video.encode());

    Reply feed = api.get("/douyin/feed/");
    assertEquals(0, feed.code(), feed.toString());
    JsonObject top = feed.body().getJsonArray("video_list").getJsonObject(0);
    assertEquals(video.getLong("id"), top.getLong("id"));
    assertCompleteVideo(top);

    byte[] original = Files.readAllBytes(clip);
    HttpResponse<Buffer> full = fetch(video.getString("play_url"), null);
    assertEquals(200, full.statusCode());
    assertEquals("video/mp4", full.getHeader("Content-Type"));
    assertEquals(Integer.toString(original.length), full.getHeader("Content-Length"));
    assertEquals("bytes", full.getHeader("Accept-Ranges"));
    assertNotNull(full.getHeader("Last-Modified"), full.headers().toString());
    assertTrue(full.getHeader("Cache-Control").contains("max-age"), full.headers().toString());
    assertArrayEquals(original, full.body().getBytes());

    HttpResponse<Buffer> head = api.client().headAbs(video.getString("play_url")).send().await();
    assertEquals(200, head.statusCode());
    assertEquals(Integer.toString(original.length), head.getHeader("Content-Length"));

    HttpResponse<Buffer> revalidated = api.client().getAbs(video.getString("play_url"))
        .putHeader("If-Modified-Since", full.getHeader("Last-Modified")).send().await();
    assertEquals(304, revalidated.statusCode());

    HttpResponse<Buffer> range = fetch(video.getString("play_url"), "bytes=100-299");
    assertEquals(206, range.statusCode());
    assertEquals("bytes 100-299/" + original.length, range.getHeader("Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(original, 100, 300), range.body().getBytes());

    HttpResponse<Buffer> cover = fetch(video.getString("cover_url"), null);
    assertEquals(200, cover.statusCode());
    assertEquals("image/jpeg", cover.getHeader("Content-Type"));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(cover.body().getBytes()));
    assertNotNull(image, "the cover is a JPEG");
    assertEquals(Clips.WIDTH, image.getWidth());
    assertTrue(Images.meanLuma(image) > 60, "the cover is not the black first frame: luma " + Images.meanLuma(image));

    // The generated profile images under /media are still served next to the stored media.
    HttpResponse<Buffer> avatar = fetch(video.getJsonObject("author").getString("avatar"), null);
    assertEquals(200, avatar.statusCode());
    assertTrue(avatar.getHeader("Content-Type").startsWith("image/"), avatar.headers().toString());

    assertEquals(List.of(), dirs.mediaFiles().stream().filter(p -> p.getFileName().toString().startsWith(".")).toList());
    dirs.awaitNoUploads();
  }

  @Test
  void mediaUrlsNeverNameAHostThatIsNotAllowed() {
    // Without public_base_url, a Host outside allowed_hosts gives way to the address the request arrived at.
    Account author = Users.register(api, "hosted");
    assertEquals(0, publish(api, author.token(), "hosted", clip).code());
    HttpResponse<Buffer> list = api.client().get("/douyin/publish/list/").addQueryParam("user_id", Long.toString(author.id()))
        .putHeader("Host", "videos.example.test:8443").send().await();
    String playUrl = list.bodyAsJsonObject().getJsonArray("video_list").getJsonObject(0).getString("play_url");
    assertTrue(playUrl.startsWith("http://127.0.0.1:" + app.port() + "/media/videos/"), playUrl);
  }

  @Test
  void badUploadsFailClearlyAndLeaveNothingBehind(@TempDir Path tmp) throws IOException {
    Account author = Users.register(api, "badupload");
    String token = author.token();
    Path empty = Files.write(tmp.resolve("empty.mp4"), new byte[0]);
    byte[] noise = new byte[64 * 1024];
    new Random(42).nextBytes(noise);
    Path random = Files.write(tmp.resolve("random.mp4"), noise);
    Path text = Files.writeString(tmp.resolve("notes.mp4"), "This is not a video.\nJust some text.\n".repeat(200));
    Path jpeg = Clips.jpeg(tmp.resolve("photo.mp4"));
    Path truncated = Clips.truncated(clip, tmp.resolve("cut.mp4"));

    List<Path> before = dirs.mediaFiles();
    rejected(api.postMultipart("/douyin/publish/action/", form(token, "no file", null, null)), "data is required");
    rejected(publish(api, token, "empty", empty), "data is empty");
    rejected(publish(api, token, "random", random), "data is not a video");
    rejected(publish(api, token, "text", text), "data is not a video");
    rejected(publish(api, token, "jpeg", jpeg), "data is not a video");
    rejected(publish(api, token, "truncated", truncated), "data is not a video");
    rejected(publish(api, token, "", clip), "title must not be empty");
    rejected(publish(api, token, "   ", clip), "title must not be empty");
    rejected(publish(api, token, null, clip), "title is required");
    rejected(publish(api, token, "x".repeat(129), clip), "title must be at most 128 characters");
    rejected(publish(api, token, "bad\u0007title", clip), "title must not contain control characters");
    Reply noToken = publish(api, null, "no token", clip);
    assertEquals(401, noToken.code(), noToken.toString());
    Reply badToken = publish(api, "not-a-token", "bad token", clip);
    assertEquals(401, badToken.code(), badToken.toString());

    assertEquals(before, dirs.mediaFiles(), "no file stored");
    dirs.awaitNoUploads();
    Reply list = api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()), "token", token);
    assertEquals(0, list.code(), list.toString());
    assertEquals(0, list.body().getJsonArray("video_list").size(), "no video recorded");
    assertEquals(0L, api.get("/douyin/user/", "user_id", Long.toString(author.id())).body()
        .getJsonObject("user").getLong("work_count"));
  }

  @Test
  void aTitleOf128CharactersIsAccepted() {
    Account author = Users.register(api, "longtitle");
    String title = "字".repeat(128);
    assertEquals(0, publish(api, author.token(), title, clip).code());
    Reply list = api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()));
    assertEquals(title, list.body().getJsonArray("video_list").getJsonObject(0).getString("title"));
  }

  @Test
  void publishListNeedsAnExistingUser() {
    Reply unknown = api.get("/douyin/publish/list/", "user_id", "987654321");
    assertEquals(404, unknown.code(), unknown.toString());
    Reply missing = api.get("/douyin/publish/list/");
    assertEquals(400, missing.code(), missing.toString());
    assertTrue(missing.message().contains("user_id"), missing.toString());
    Reply notNumber = api.get("/douyin/publish/list/", "user_id", "abc");
    assertEquals(400, notNumber.code(), notNumber.toString());
  }

  @Test
  void feedRejectsLatestTimeThatIsNotANonNegativeNumber() {
    Reply text = api.get("/douyin/feed/", "latest_time", "yesterday");
    assertEquals(400, text.code(), text.toString());
    assertTrue(text.message().contains("latest_time"), text.toString());
    Reply negative = api.get("/douyin/feed/", "latest_time", "-5");
    assertEquals(400, negative.code(), negative.toString());
    assertTrue(negative.message().contains("latest_time"), negative.toString());
  }

  @Test
  void aBodyOverTheUploadLimitAnswers413AndStoresNothing(@TempDir Path tmp) throws IOException {
    // A node of its own (its own Vert.x: closing a TestApp undeploys everything on its instance).
    Vertx vertx = Vertx.vertx();
    TestApp small = TestApp.start(vertx, new JsonObject().put(Setting.UPLOAD_LIMIT_MB.key(), 1), Role.parse("all"));
    try {
      MediaDirs smallDirs = new MediaDirs(small);
      Account author = Users.register(small.api(), "bigupload");
      byte[] big = new byte[2 * 1024 * 1024];
      new Random(7).nextBytes(big);
      Path file = Files.write(tmp.resolve("big.mp4"), big);
      Reply reply = publish(small.api(), author.token(), "too big", file);
      assertEquals(413, reply.status(), reply.toString());
      assertEquals(413, reply.code(), reply.toString());
      assertEquals(List.of(), smallDirs.mediaFiles());
      smallDirs.awaitNoUploads();
      assertEquals(0, small.api().get("/douyin/publish/list/", "user_id", Long.toString(author.id()))
          .body().getJsonArray("video_list").size());
      // A clip under the limit still goes through on the same node.
      assertEquals(0, publish(small.api(), author.token(), "fits", clip).code());
    } finally {
      small.close();
      vertx.close().await();
    }
  }

  private static void rejected(Reply reply, String message) {
    assertEquals(200, reply.status(), reply.toString());
    assertEquals(400, reply.code(), reply.toString());
    assertTrue(reply.message().contains(message), "expected '" + message + "' in " + reply);
  }

  static void assertCompleteVideo(JsonObject video) {
    for (String field : List.of("id", "author", "play_url", "cover_url", "favorite_count", "comment_count", "is_favorite", "title")) {
      assertTrue(video.containsKey(field), field + " missing in " + video.encode());
    }
    assertEquals(0L, video.getLong("favorite_count"));
    assertEquals(0L, video.getLong("comment_count"));
    assertEquals(false, video.getBoolean("is_favorite"));
    JsonObject author = video.getJsonObject("author");
    for (String field : List.of("id", "name", "follow_count", "follower_count", "is_follow", "avatar",
        "background_image", "signature", "total_favorited", "work_count", "favorite_count")) {
      assertTrue(author.containsKey(field), "author." + field + " missing in " + video.encode());
    }
    assertNotEquals("", author.getString("avatar"));
  }

  private static HttpResponse<Buffer> fetch(String url, String range) {
    var request = api.client().getAbs(url);
    if (range != null) {
      request.putHeader("Range", range);
    }
    return request.send().await();
  }
}
