package verticles.media;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import verticles.Role;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.Api.Reply;
import verticles.support.Clips;
import verticles.support.Images;
import verticles.support.MediaDirs;
import verticles.support.Mp4s;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.support.Users.Account;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing into Qiniu through the real SDK, against a local stand-in of Qiniu's upload, delete
 * and download API; and a rendition job that reads the original from there and uploads its rendition.
 */
@ExtendWith(VertxExtension.class)
class QiniuPublishIT {
  private static final QiniuStandIn qiniu = new QiniuStandIn();
  private static TestApp app;
  private static Api api;
  private static Path clip;
  private static String domain;

  @BeforeAll
  static void start(Vertx vertx, @TempDir Path tmp) throws IOException {
    int port = qiniu.start(vertx, Files.createDirectories(tmp.resolve("standin")));
    domain = "http://127.0.0.1:" + port;
    app = TestApp.start(vertx, qiniuSettings(), Role.parse("all"));
    api = app.api();
    clip = Clips.mp4(tmp.resolve("clip.mp4"), 2);
  }

  private static JsonObject qiniuSettings() {
    return new JsonObject()
        .put(Setting.QINIU_ACCESS_KEY.key(), QiniuStandIn.ACCESS_KEY)
        .put(Setting.QINIU_SECRET_KEY.key(), "test-sk")
        .put(Setting.QINIU_BUCKET.key(), QiniuStandIn.BUCKET)
        .put(Setting.QINIU_DOMAIN.key(), domain)
        .put(Setting.QINIU_UPLOAD_HOST.key(), domain);
  }

  @AfterAll
  static void stop() {
    app.close();
    qiniu.stop();
  }

  @Test
  void aPublishedVideoLivesInQiniuAndItsUrlsPointThere() throws IOException {
    Account author = Users.register(api, "qiniu");
    Reply published = publish(author, "to the cloud");
    assertEquals(0, published.code(), published.toString());

    JsonObject video = api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()))
        .body().getJsonArray("video_list").getJsonObject(0);
    String playUrl = video.getString("play_url");
    String coverUrl = video.getString("cover_url");
    assertTrue(playUrl.startsWith(domain + "/videos/") && playUrl.endsWith(".mp4"), playUrl);
    assertTrue(coverUrl.startsWith(domain + "/covers/") && coverUrl.endsWith(".jpg"), coverUrl);

    Buffer stored = api.client().getAbs(playUrl).send().await().body();
    assertArrayEquals(Files.readAllBytes(clip), stored.getBytes());
    BufferedImage cover = ImageIO.read(new ByteArrayInputStream(api.client().getAbs(coverUrl).send().await().body().getBytes()));
    assertNotNull(cover);
    assertTrue(Images.meanLuma(cover) > 60, "the cover is not black");

    MediaDirs dirs = new MediaDirs(app);
    assertEquals(List.of(), dirs.mediaFiles(), "nothing stored locally");
    dirs.awaitNoUploads();

    // media.discard removes both objects through the SDK's delete call.
    String videoKey = playUrl.substring(domain.length() + 1);
    String coverKey = coverUrl.substring(domain.length() + 1);
    new MediaClient(app.bus(), 1).discard(new MediaClient.Stored(playUrl, coverUrl, "qiniu", videoKey, coverKey, 0)).await();
    assertFalse(qiniu.objects.containsKey(videoKey));
    assertFalse(qiniu.objects.containsKey(coverKey));
  }

  @Test
  void whenStoringTheCoverFailsTheVideoIsRemovedAndNothingIsRecorded() {
    Account author = Users.register(api, "qiniufail");
    int before = qiniu.objects.size();
    qiniu.refuse = key -> key.startsWith("covers/");
    try {
      Reply reply = publish(author, "cover refused");
      assertEquals(503, reply.code(), reply.toString());
      assertEquals(503, reply.status(), reply.toString());
    } finally {
      qiniu.refuse = key -> false;
    }
    assertEquals(before, qiniu.objects.size(), "the uploaded video was deleted again: " + qiniu.objects.keySet());
    assertEquals(0, api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()))
        .body().getJsonArray("video_list").size());
  }

  @Test
  void theRenditionJobReadsTheOriginalFromQiniuAndUploadsTheRenditionThere(@TempDir Path tmp) throws IOException {
    // A node of its own (its own Vert.x: closing a TestApp undeploys everything on its instance).
    Vertx vertx = Vertx.vertx();
    TestApp transcoding = TestApp.start(vertx, qiniuSettings().put(Setting.MEDIA_TRANSCODERS.key(), 1), Role.parse("all"));
    try {
      Account author = Users.register(transcoding.api(), "qiniurendition");
      assertEquals(0, publish(transcoding.api(), author, "to be transcoded").code());
      String rendition = Poll.value("the rendition in Qiniu", Duration.ofSeconds(60), () -> {
        String url = transcoding.api().get("/douyin/publish/list/", "user_id", Long.toString(author.id()))
            .body().getJsonArray("video_list").getJsonObject(0).getString("play_url");
        return url.startsWith(domain + "/renditions/") ? url : null;
      });
      assertTrue(qiniu.objects.containsKey(rendition.substring(domain.length() + 1)), qiniu.objects.keySet().toString());
      Path file = Files.write(tmp.resolve("rendition.mp4"), api.client().getAbs(rendition).send().await().body().getBytes());
      assertEquals("h264", Mp4s.inspect(file).videoCodec());
      assertEquals(List.of(), new MediaDirs(transcoding).mediaFiles(), "nothing stored locally");
    } finally {
      transcoding.close();
      vertx.close().await();
    }
  }

  private static Reply publish(Account author, String title) {
    return publish(api, author, title);
  }

  private static Reply publish(Api api, Account author, String title) {
    return api.postMultipart("/douyin/publish/action/", MultipartForm.create()
        .attribute("token", author.token()).attribute("title", title)
        .binaryFileUpload("data", "clip.mp4", clip.toString(), "video/mp4"));
  }
}
