package verticles.media;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import verticles.common.Failure;
import verticles.common.bus.BusClient;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.support.Clips;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The media worker: its handler runs on a worker pool of its own, never on an event loop. */
@ExtendWith(VertxExtension.class)
class MediaVerticleTest {
  /** Object storage that records the thread each call runs on. */
  private static final class RecordingStorage implements ObjectStorage {
    final List<String> threads = new ArrayList<>();
    final List<Boolean> onWorker = new ArrayList<>();

    @Override
    public String kind() {
      return "local";
    }

    @Override
    public synchronized String put(Path file, String key, String contentType, boolean movable) {
      threads.add(Thread.currentThread().getName());
      onWorker.add(Context.isOnWorkerThread() && !Context.isOnEventLoopThread());
      return "/media/" + key;
    }

    @Override
    public Path fetch(String key, Path scratch) {
      throw new UnsupportedOperationException("the upload path reads no stored object");
    }

    @Override
    public void delete(String key) {
    }
  }

  @Test
  void storingAnUploadRunsOnTheMediaWorkerPool(Vertx vertx, @TempDir Path dataDir) throws Exception {
    Config config = Config.withOverrides(new JsonObject().put(Setting.DATA_DIR.key(), dataDir.toString()));
    Path uploads = Files.createDirectories(StorageSettings.uploadsDir(config));
    Path upload = Clips.mp4(uploads.resolve("upload.mp4"), 1);
    RecordingStorage storage = new RecordingStorage();
    vertx.deployVerticle(() -> new MediaVerticle(c -> storage), MediaVerticle.deploymentOptions(config)).await();

    MediaClient.Stored stored = new MediaClient(new BusClient(vertx, config), 1).store(1, upload.toString()).await();

    assertTrue(stored.playUrl().startsWith("/media/videos/"), stored.toString());
    assertEquals(2, storage.threads.size(), "the video and its cover: " + storage.threads);
    for (int i = 0; i < storage.threads.size(); i++) {
      assertTrue(storage.threads.get(i).startsWith(MediaVerticle.POOL + "-"), storage.threads.get(i));
      assertTrue(storage.onWorker.get(i), storage.threads.get(i) + " is a worker thread, not an event loop");
    }
  }

  @Test
  void videosBeyondTheLimitsAreRefused(Vertx vertx, @TempDir Path dataDir) throws Exception {
    Config config = Config.withOverrides(new JsonObject().put(Setting.DATA_DIR.key(), dataDir.toString())
        .put(Setting.MEDIA_MAX_SIDE_PX.key(), 256).put(Setting.MEDIA_MAX_PIXELS.key(), 60_000)
        .put(Setting.MEDIA_MAX_SECONDS.key(), 2).put(Setting.MEDIA_MAX_FPS.key(), 20));
    Path uploads = Files.createDirectories(StorageSettings.uploadsDir(config));
    RecordingStorage storage = new RecordingStorage();
    vertx.deployVerticle(() -> new MediaVerticle(c -> storage), MediaVerticle.deploymentOptions(config)).await();
    MediaClient media = new MediaClient(new BusClient(vertx, config), 1);

    assertRefused(media, Clips.mp4(uploads.resolve("wide.mp4"), 1, 320, 128, 10), "data is a video beyond this server's limits: it is 320×128 pixels; at most 256 per side");
    assertRefused(media, Clips.mp4(uploads.resolve("big.mp4"), 1, 250, 250, 10), "data is a video beyond this server's limits: its frames are 250×250 pixels; at most 60000 pixels per frame");
    assertRefused(media, Clips.mp4(uploads.resolve("huge.mp4"), 1, 256, 512, 10),
        "data is not a video this server can decode: its frame size is unknown or far above 60000 pixels");
    assertRefused(media, Clips.mp4(uploads.resolve("fast.mp4"), 1, 160, 120, 25), "data is a video beyond this server's limits: it has 25 frames per second; at most 20");
    assertRefused(media, Clips.mp4(uploads.resolve("long.mp4"), 3, 160, 120, 10), "data is a video beyond this server's limits: it lasts 3 s; at most 2 s");
    assertEquals(List.of(), storage.threads, "nothing stored");

    Path fits = Clips.mp4(uploads.resolve("fits.mp4"), 1, 160, 120, 10);
    assertTrue(media.store(1, fits.toString()).await().playUrl().startsWith("/media/videos/"));
  }

  private static void assertRefused(MediaClient media, Path clip, String expected) {
    Throwable refused = media.store(1, clip.toString()).transform(outcome -> Future.succeededFuture(outcome)).await().cause();
    assertTrue(refused instanceof Failure failure && failure.code() == 400, String.valueOf(refused));
    assertTrue(refused.getMessage().contains(expected), refused.getMessage());
  }

  @Test
  void storedVideosGetTheContentTypeOfTheirContainer() {
    assertEquals("video/mp4", MediaVerticle.contentType("mp4"));
    assertEquals("video/webm", MediaVerticle.contentType("webm"));
    assertEquals("application/octet-stream", MediaVerticle.contentType("bin"));
  }
}
