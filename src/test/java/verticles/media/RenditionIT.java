package verticles.media;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import verticles.common.config.Setting;
import verticles.support.Api.Reply;
import verticles.support.Clips;
import verticles.support.MediaDirs;
import verticles.support.Mp4s;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.video.VideoClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media pipeline on a whole node (the database's jobs, or the real broker in the services
 * profile): a VP9/Opus WebM upload plays as itself at once and as an H.264/AAC fast-start MP4 once
 * its rendition is made; a job run again gives the same one rendition; a job whose worker died is
 * taken again; a poison job ends dead (and in the dead-letter queue) while the others flow.
 */
class RenditionIT extends OneNodePerClass {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static Path webm;
  private static MediaDirs dirs;

  @Override
  protected JsonObject settings() {
    // A cached feed page lives far longer than the test, so only invalidation can make it play the
    // rendition; one gateway instance, because each instance keeps its own page.
    return new JsonObject().put(Setting.MEDIA_TRANSCODERS.key(), 1).put(Setting.RENDITION_MAX_HEIGHT.key(), 120)
        .put(Setting.FEED_CACHE_MS.key(), 600_000).put(Setting.GATEWAY_INSTANCES.key(), 1);
  }

  @BeforeAll
  static void makeClip(@TempDir Path tmp) {
    webm = Clips.webm(tmp.resolve("clip.webm"), 2, 320, 240);
    dirs = new MediaDirs(app);
  }

  private static String playUrl(Account author) {
    Reply list = api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()));
    assertEquals(0, list.code(), list.toString());
    return list.body().getJsonArray("video_list").getJsonObject(0).getString("play_url");
  }

  /** What the (cached) latest feed page plays for {@code videoId}. */
  private static String feedPlayUrl(long videoId) {
    Reply feed = api.get("/douyin/feed/");
    assertEquals(0, feed.code(), feed.toString());
    return feed.body().getJsonArray("video_list").stream().map(JsonObject.class::cast)
        .filter(video -> video.getLong("id") == videoId).findFirst().orElseThrow().getString("play_url");
  }

  private static long publish(Account author) {
    Reply reply = api.postMultipart("/douyin/publish/action/", MultipartForm.create()
        .attribute("token", author.token()).attribute("title", "webm")
        .binaryFileUpload("data", "clip.webm", webm.toString(), "video/webm"));
    assertEquals(0, reply.code(), reply.toString());
    return api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()))
        .body().getJsonArray("video_list").getJsonObject(0).getLong("id");
  }

  private static String awaitRendition(Account author) {
    return Poll.value("the rendition to be served", WAIT, () -> {
      String url = playUrl(author);
      return url.contains("/media/renditions/") ? url : null;
    });
  }

  private static Row job(long videoId) {
    return app.node().database().query("SELECT * FROM media_jobs WHERE video_id = ?", Tuple.of(videoId)).await()
        .iterator().next();
  }

  private static JsonObject media() {
    return api.get("/health").body().getJsonObject("media");
  }

  private static Path download(String url, Path file) throws IOException {
    HttpResponse<Buffer> response = api.client().getAbs(url).send().await();
    assertEquals(200, response.statusCode(), url);
    assertEquals("video/mp4", response.getHeader("Content-Type"));
    return Files.write(file, response.body().getBytes());
  }

  @Test
  void aWebmUploadPlaysAsItselfThenAsAFastStartH264AacMp4(@TempDir Path tmp) throws IOException {
    Account author = Users.register(api, "rendition");
    long videoId = publish(author);
    String original = playUrl(author);
    assertTrue(original.contains("/media/videos/") && original.endsWith(".mkv"), "the original (WebM is Matroska) until the rendition is ready: " + original);

    assertEquals(original, feedPlayUrl(videoId), "the feed page, cached now, plays the original");

    String rendition = awaitRendition(author);
    Poll.until("the cached feed page to play the rendition too", Duration.ofSeconds(5),
        () -> feedPlayUrl(videoId).equals(rendition));
    Mp4s.Facts facts = Mp4s.inspect(download(rendition, tmp.resolve("rendition.mp4")));
    assertEquals("h264", facts.videoCodec(), facts.toString());
    assertEquals("aac", facts.audioCodec(), facts.toString());
    assertTrue(facts.fastStart(), "moov before mdat");
    assertEquals(List.of(160, 120), List.of(facts.width(), facts.height()), "the shorter side capped at rendition_max_height");
    assertEquals("done", job(videoId).getString("state"));
    String originalName = original.substring(original.lastIndexOf('/') + 1);
    assertTrue(Files.isRegularFile(dirs.media().resolve("videos").resolve(originalName)), "the original is kept");
  }

  @Test
  void aJobRunTwiceMoreGivesTheSameOneRendition() {
    Account author = Users.register(api, "twice");
    long videoId = publish(author);
    String rendition = awaitRendition(author);
    String key = job(videoId).getString("rendition_key");
    for (int run = 0; run < 2; run++) {
      long finished = job(videoId).getLong("updated_at");
      // As if the broker delivered the job again (or a worker lost its answer): it runs once more.
      app.node().database().query("UPDATE media_jobs SET state = 'waiting', lease_until = 0 WHERE video_id = ?",
          Tuple.of(videoId)).await();
      Poll.until("the job to be done again", WAIT,
          () -> "done".equals(job(videoId).getString("state")) && job(videoId).getLong("updated_at") > finished);
    }
    assertEquals(rendition, playUrl(author));
    assertEquals(key, job(videoId).getString("rendition_key"));
    String name = key.substring(key.lastIndexOf('/') + 1);
    assertEquals(1, dirs.mediaFiles().stream().filter(f -> f.getFileName().toString().equals(name)).count());
    assertEquals(List.of(), dirs.mediaFiles().stream().filter(f -> f.getFileName().toString().startsWith(".")).toList());
  }

  @Test
  void aJobWhoseWorkerDiedIsTakenAgainWhenItsLeaseRunsOut() {
    Account author = Users.register(api, "orphan");
    long videoId = publish(author);
    awaitRendition(author);
    // A worker took the job and died: the row says running, under a lease that ran out.
    app.node().database().query("UPDATE media_jobs SET state = 'running', rendition_key = NULL, lease_until = ? "
        + "WHERE video_id = ?", Tuple.of(System.currentTimeMillis() - 1, videoId)).await();
    Poll.until("another attempt to finish the job", WAIT, () -> "done".equals(job(videoId).getString("state")));
    assertEquals(2, job(videoId).getInteger("attempts"));
  }

  @Test
  void aPoisonJobEndsDeadAndDeadLetteredWhileOtherJobsFlow() {
    Account author = Users.register(api, "poison");
    long deadBefore = media().getJsonObject("jobs").getLong("dead");
    // A video whose original is gone from the storage: every attempt fails.
    long poison = new VideoClient(app.bus()).create(author.id(), "poison", "/media/videos/gone.mp4", "/media/covers/gone.jpg",
        "local", "videos/gone.mp4", 0).await().videoId();
    Account other = Users.register(api, "flowing");
    publish(other);
    awaitRendition(other);

    Poll.until("the poison job to be dead", WAIT, () -> "dead".equals(job(poison).getString("state")));
    Row row = job(poison);
    assertEquals(3, row.getInteger("attempts"));
    assertTrue(row.getString("reason").contains("gone.mp4"), row.getString("reason"));
    assertEquals("/media/videos/gone.mp4", playUrl(author).substring(playUrl(author).indexOf("/media/")),
        "the video keeps its original");
    JsonObject media = Poll.value("the dead job in /health", WAIT, () -> {
      JsonObject m = media();
      boolean deadLettered = TestApp.rabbitMqUrl().isEmpty() || m.getLong("dead_letters", 0L) >= 1;
      return m.getJsonObject("jobs").getLong("dead") == deadBefore + 1 && deadLettered ? m : null;
    });
    assertEquals("UP", media.getString("status"), media.encode());
    assertEquals(TestApp.rabbitMqUrl().isEmpty() ? "database" : "rabbitmq", media.getString("transport"));
  }
}
