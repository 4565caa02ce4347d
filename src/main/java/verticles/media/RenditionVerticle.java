package verticles.media;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Causes;
import verticles.common.Failure;
import verticles.common.bus.Consumers;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.observability.NodeMetrics;
import verticles.video.VideoClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs rendition jobs on this node (docs/media.md): takes a job from the {@link JobSource}, claims
 * it from the video domain, and on its own bounded pool ({@code vertok-transcode},
 * {@code media_transcoders} threads, apart from the uploads' pool) fetches the original, transcodes
 * it ({@link Transcoder}) and stores the rendition under a key derived from the original's (a job
 * run twice writes the same object: one rendition), then reports the outcome. A failed attempt is
 * retried by the video domain's rules; the video plays its original until the rendition is
 * recorded. Talking to the video domain is retried until it answers: the job's state is there.
 */
public final class RenditionVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(RenditionVerticle.class);
  static final String POOL = "vertok-transcode";
  private static final long RENEW_MS = 10_000;
  /** A job's lease is renewed for this long at most: a transcode that hangs lets its job go to another attempt. */
  static final long MAX_JOB_MS = TimeUnit.MINUTES.toMillis(30);
  private static final long MAX_PAUSE_MS = 5000;

  private final VideoClient videos;
  private ObjectStorage storage;
  private Path scratch;
  private MediaLimits limits;
  private Transcoder.Caps caps;
  private WorkerExecutor pool;
  private JobSource source;
  private MessageConsumer<JsonObject> published;
  private NodeMetrics metrics;

  public RenditionVerticle(VideoClient videos) {
    this.videos = videos;
  }

  @Override
  public Future<?> start() {
    Config config = Config.of(config());
    storage = StorageSettings.open(config);
    scratch = StorageSettings.transcodeDir(config);
    limits = MediaLimits.of(config);
    caps = Transcoder.Caps.of(config);
    metrics = NodeMetrics.of(vertx);
    Future<?> statusReady = Consumers.registerLocal(vertx, MediaAddresses.RENDITIONS, body -> status()).completion();
    int transcoders = config.integer(Setting.MEDIA_TRANSCODERS);
    if (transcoders == 0) {
      return statusReady;
    }
    pool = vertx.createSharedWorkerExecutor(POOL, transcoders, 30, TimeUnit.MINUTES);
    String url = config.string(Setting.RABBITMQ_URL);
    source = url.isEmpty() ? new DatabaseJobs(vertx, videos, transcoders)
        : new BrokerJobs(vertx, url, new JobQueueNames(config.string(Setting.RABBITMQ_PREFIX)), transcoders, videos);
    published = videos.onCreated(created -> source.wake());
    return Future.all(statusReady, published.completion(), pool.executeBlocking(() -> {
      MediaVerticle.removeStale(scratch);
      return null;
    })).onSuccess(v -> source.start(this::run));
  }

  @Override
  public Future<?> stop() {
    if (source == null) {
      return Future.succeededFuture();
    }
    return Future.join(source.close(), published.unregister()).eventually(() -> pool.close());
  }

  /** The job source's view and the jobs by state; DEGRADED while the broker is down (jobs wait, videos play their originals). */
  private Future<JsonObject> status() {
    Future<JsonObject> counts = videos.jobCounts();
    Future<JsonObject> transport = source == null
        ? Future.succeededFuture(new JsonObject().put("transport", "none: media_transcoders is 0 on this node"))
        : source.status();
    return Future.join(transport, counts).transform(v -> {
      JsonObject status = transport.succeeded() ? transport.result() : new JsonObject();
      status.put("status", "DOWN".equals(status.getString("broker")) ? "DEGRADED" : "UP");
      return Future.succeededFuture(counts.succeeded() ? status.mergeIn(counts.result())
          : status.put("jobs_error", counts.cause().getMessage()));
    });
  }

  /** One delivery of job {@code videoId}: claim, attempt, report. */
  private Future<JobSource.Settled> run(long videoId) {
    return persistently(() -> videos.claimJob(videoId)).compose(claim -> switch (claim.outcome()) {
      case "run" -> attempt(videoId, claim);
      case "dead" -> Future.succeededFuture(JobSource.Settled.DEAD);
      default -> Future.succeededFuture(JobSource.Settled.DONE);
    });
  }

  private Future<JobSource.Settled> attempt(long videoId, VideoClient.JobClaim claim) {
    long until = System.currentTimeMillis() + MAX_JOB_MS;
    long renew = vertx.setPeriodic(RENEW_MS, t -> {
      if (System.currentTimeMillis() < until) {
        videos.renewJob(videoId);
      }
    });
    String renditionKey = renditionKey(claim.originalKey());
    long started = System.nanoTime();
    return pool.executeBlocking(() -> makeRendition(claim.originalKey(), renditionKey), false)
        .eventually(() -> {
          vertx.cancelTimer(renew);
          return Future.succeededFuture();
        })
        .transform(made -> {
          if (made.succeeded()) {
            metrics.rendition("done", System.nanoTime() - started);
            return persistently(() -> videos.jobDone(videoId, renditionKey, made.result())).map(JobSource.Settled.DONE);
          }
          return persistently(() -> videos.jobFailed(videoId, reason(made.cause()))).map(dead -> {
            metrics.rendition(dead ? "dead" : "failed", System.nanoTime() - started);
            return dead ? JobSource.Settled.DEAD : JobSource.Settled.DONE;
          });
        });
  }

  /** Blocking, on the transcode pool: the rendition stored, its URL answered. */
  private String makeRendition(String originalKey, String renditionKey) throws IOException {
    Files.createDirectories(scratch);
    Path original = storage.fetch(originalKey, scratch);
    Path out = scratch.resolve("rendition-" + UUID.randomUUID() + ".mp4");
    try {
      Transcoder.transcode(original, out, caps, limits);
      return storage.put(out, renditionKey, "video/mp4", true);
    } finally {
      Files.deleteIfExists(out);
      if (original.startsWith(scratch)) {
        Files.deleteIfExists(original);
      }
    }
  }

  /** {@code videos/<id>.<ext>} → {@code renditions/<id>.mp4}: one rendition per original, whatever the runs. */
  static String renditionKey(String originalKey) {
    String name = originalKey.substring(originalKey.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return "renditions/" + (dot > 0 ? name.substring(0, dot) : name) + ".mp4";
  }

  private static String reason(Throwable cause) {
    return Causes.firstLine(String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()));
  }

  /** {@code call}, again with growing pauses until it succeeds while the video domain is away (not for a refusal). */
  private <T> Future<T> persistently(Supplier<Future<T>> call) {
    return persistently(call, 100);
  }

  private <T> Future<T> persistently(Supplier<Future<T>> call, long pauseMs) {
    return call.get().recover(e -> {
      if (e instanceof Failure f && f.code() < 500) {
        return Future.failedFuture(e);
      }
      if (pauseMs == 100) {
        log.warn("rendition jobs: the video domain did not answer, retrying: {}", e.toString());
      }
      return vertx.timer(pauseMs).compose(t -> persistently(call, Math.min(pauseMs * 2, MAX_PAUSE_MS)));
    });
  }
}
