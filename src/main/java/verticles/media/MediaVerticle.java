package verticles.media;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.bus.Consumers;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.observability.NodeMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The media worker: a WORKER verticle (its own thread pool, never an event loop) that decodes an
 * uploaded file, extracts its cover and stores both in the object storage. It listens on
 * node-local addresses only, because the upload is a file on this node's disk.
 */
public final class MediaVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(MediaVerticle.class);
  static final String POOL = "vertok-media";
  static final Duration STALE_UPLOAD = Duration.ofHours(1);

  private final Function<Config, ObjectStorage> openStorage;
  private ObjectStorage storage;
  private Path uploads;
  private MediaLimits limits;
  private NodeMetrics metrics;

  /** The media worker with the configured object storage. */
  public MediaVerticle() {
    this(StorageSettings::open);
  }

  MediaVerticle(Function<Config, ObjectStorage> openStorage) {
    this.openStorage = openStorage;
  }

  /** Worker deployment: {@code media_workers} instances on a pool of that many threads. */
  public static DeploymentOptions deploymentOptions(Config config) {
    int workers = config.integer(Setting.MEDIA_WORKERS);
    return new DeploymentOptions().setConfig(config.json())
        .setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName(POOL).setWorkerPoolSize(workers).setInstances(workers)
        .setMaxWorkerExecuteTime(5).setMaxWorkerExecuteTimeUnit(TimeUnit.MINUTES);
  }

  @Override
  public Future<?> start() {
    Config config = Config.of(config());
    storage = openStorage.apply(config);
    metrics = NodeMetrics.of(vertx);
    uploads = StorageSettings.uploadsDir(config).normalize();
    limits = MediaLimits.of(config);
    removeStale(uploads);
    return Future.all(List.of(
        Consumers.registerLocal(vertx, MediaAddresses.STORE, this::timedStore).completion(),
        Consumers.registerLocal(vertx, MediaAddresses.DISCARD, this::discard).completion()));
  }

  /** {@link #store}, counted in {@code vertok_media_jobs_seconds} by outcome: stored, rejected (not a video), failed. */
  private Future<JsonObject> timedStore(JsonObject body) {
    long start = System.nanoTime();
    String outcome = "failed";
    try {
      Future<JsonObject> stored = store(body);
      outcome = "stored";
      return stored;
    } catch (Failure f) {
      outcome = f.code() < 500 ? "rejected" : "failed";
      throw f;
    } finally {
      metrics.mediaJob(outcome, System.nanoTime() - start);
    }
  }

  /** Blocking, on this worker's thread: probe, cover, store. Nothing stays stored on failure. */
  private Future<JsonObject> store(JsonObject body) {
    String name = Fields.optionalString(body, "file");
    Path upload = name == null ? null : Path.of(name).toAbsolutePath().normalize();
    // Only uploads are taken over: the worker moves the file, so it must be one the gateway received.
    if (upload == null || !upload.startsWith(uploads) || !Files.isRegularFile(upload)) {
      throw Failure.badRequest("data is missing");
    }
    VideoProbe.Result probe = VideoProbe.inspect(upload, limits);
    String id = UUID.randomUUID().toString().replace("-", "");
    String videoKey = "videos/" + id + "." + probe.extension();
    String coverKey = "covers/" + id + ".jpg";
    Path cover = upload.resolveSibling(upload.getFileName() + ".cover.jpg");
    String playUrl = null;
    try {
      Files.write(cover, probe.cover());
      playUrl = storage.put(upload, videoKey, contentType(probe.extension()), true);
      String coverUrl = storage.put(cover, coverKey, "image/jpeg", true);
      return Future.succeededFuture(new JsonObject()
          .put("play_url", playUrl).put("cover_url", coverUrl).put("storage", storage.kind())
          .put("video_key", videoKey).put("cover_key", coverKey).put("duration_ms", probe.durationMs()));
    } catch (IOException | RuntimeException e) {
      if (playUrl != null) {
        storage.delete(videoKey);
      }
      log.warn("storing {} in {} storage failed", videoKey, storage.kind(), e);
      throw Failure.unavailable("storing the video failed; try again later");
    } finally {
      deleteQuietly(cover);
    }
  }

  /**
   * Files left behind in {@code dir} by a node that stopped in the middle of a request or a
   * rendition (they are deleted otherwise). Only old ones: another node may share the data
   * directory and be writing one now. Blocking.
   */
  static void removeStale(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    long cutoff = System.currentTimeMillis() - STALE_UPLOAD.toMillis();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> lastModified(f) < cutoff).forEach(MediaVerticle::deleteQuietly);
    } catch (IOException e) {
      log.warn("could not clean {}: {}", dir, e.toString());
    }
  }

  private static long lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  private Future<JsonObject> discard(JsonObject body) {
    for (String field : List.of("video_key", "cover_key")) {
      String key = Fields.optionalString(body, field);
      if (key != null && !key.isBlank()) {
        storage.delete(key);
      }
    }
    return Future.succeededFuture(new JsonObject());
  }

  static String contentType(String extension) {
    return switch (extension) {
      case "mp4" -> "video/mp4";
      case "webm" -> "video/webm";
      case "mkv" -> "video/x-matroska";
      case "avi" -> "video/x-msvideo";
      case "flv" -> "video/x-flv";
      case "ts" -> "video/mp2t";
      case "mpg" -> "video/mpeg";
      case "ogv" -> "video/ogg";
      case "wmv" -> "video/x-ms-wmv";
      default -> "application/octet-stream";
    };
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete {}: {}", file, e.toString());
    }
  }
}
