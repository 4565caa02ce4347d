package verticles.media;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Config;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The media worker's deployment: a worker verticle on a pool of its own, never an event loop. */
class MediaVerticleTest {
  @Test
  void theMediaWorkerRunsOnItsOwnWorkerPool() {
    DeploymentOptions options = MediaVerticle.deploymentOptions(Config.withOverrides(new JsonObject().put("media_workers", 3)));
    assertEquals(ThreadingModel.WORKER, options.getThreadingModel());
    assertEquals(MediaVerticle.POOL, options.getWorkerPoolName());
    assertEquals(3, options.getWorkerPoolSize());
    assertEquals(3, options.getInstances());
  }

  @Test
  void storedVideosGetTheContentTypeOfTheirContainer() {
    assertEquals("video/mp4", MediaVerticle.contentType("mp4"));
    assertEquals("video/webm", MediaVerticle.contentType("webm"));
    assertEquals("application/octet-stream", MediaVerticle.contentType("bin"));
  }
}
