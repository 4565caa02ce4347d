package verticles.media;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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

    MediaClient.Stored stored = new MediaClient(new BusClient(vertx, config)).store(upload.toString()).await();

    assertTrue(stored.playUrl().startsWith("/media/videos/"), stored.toString());
    assertEquals(2, storage.threads.size(), "the video and its cover: " + storage.threads);
    for (int i = 0; i < storage.threads.size(); i++) {
      assertTrue(storage.threads.get(i).startsWith(MediaVerticle.POOL + "-"), storage.threads.get(i));
      assertTrue(storage.onWorker.get(i), storage.threads.get(i) + " is a worker thread, not an event loop");
    }
  }

  @Test
  void storedVideosGetTheContentTypeOfTheirContainer() {
    assertEquals("video/mp4", MediaVerticle.contentType("mp4"));
    assertEquals("video/webm", MediaVerticle.contentType("webm"));
    assertEquals("application/octet-stream", MediaVerticle.contentType("bin"));
  }
}
