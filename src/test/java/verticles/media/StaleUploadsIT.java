package verticles.media;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import verticles.Role;
import verticles.common.config.Setting;
import verticles.support.TestApp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads and renditions in the making left behind by a node that stopped mid-request or mid-job
 * are removed when the media workers start.
 */
class StaleUploadsIT {
  @Test
  void oldUploadsAreRemovedAtStartAndRecentOnesKept(@TempDir Path dataDir) throws IOException {
    Path uploads = Files.createDirectories(dataDir.resolve("uploads"));
    Path old = Files.write(uploads.resolve("left-behind"), new byte[] {1, 2, 3});
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(MediaVerticle.STALE_UPLOAD).minus(Duration.ofMinutes(5))));
    Path recent = Files.write(uploads.resolve("in-progress"), new byte[] {4, 5, 6});
    Path transcode = Files.createDirectories(dataDir.resolve("transcode"));
    Path oldRendition = Files.write(transcode.resolve("rendition-left-behind.mp4"), new byte[] {7});
    Files.setLastModifiedTime(oldRendition, Files.getLastModifiedTime(old));

    Vertx vertx = Vertx.vertx();
    TestApp app = TestApp.start(vertx, new JsonObject().put(Setting.DATA_DIR.key(), dataDir.toString())
        .put(Setting.MEDIA_TRANSCODERS.key(), 1), Role.parse("all"));
    try {
      assertFalse(Files.exists(old), "a stale upload is removed");
      assertTrue(Files.exists(recent), "a recent upload may belong to a request in progress");
      assertFalse(Files.exists(oldRendition), "a stale rendition in the making is removed");
    } finally {
      app.close();
      vertx.close().await();
    }
  }
}
