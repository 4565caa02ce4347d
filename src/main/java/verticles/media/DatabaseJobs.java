package verticles.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import verticles.video.VideoClient;

import java.util.function.Function;

/**
 * Rendition jobs without a broker: each of {@code parallel} slots asks the video domain for a due
 * job, claims and runs it, and asks again at once; when there is none it looks again after
 * {@link #POLL_MS} or when a video is published ({@link #wake}). Jobs are rows, so a restart resumes
 * them (a dead worker's lease runs out and its job is due again).
 */
final class DatabaseJobs implements JobSource {
  static final long POLL_MS = 1000;

  private final Vertx vertx;
  private final VideoClient videos;
  private final int parallel;
  private Function<Long, Future<Settled>> worker;
  private int idle;
  private boolean closed;

  DatabaseJobs(Vertx vertx, VideoClient videos, int parallel) {
    this.vertx = vertx;
    this.videos = videos;
    this.parallel = parallel;
  }

  @Override
  public void start(Function<Long, Future<Settled>> worker) {
    this.worker = worker;
    for (int i = 0; i < parallel; i++) {
      next();
    }
  }

  private void next() {
    if (closed) {
      return;
    }
    videos.dueJobs(1).onComplete(due -> {
      if (due.failed() || due.result().isEmpty()) {
        idle++;
        vertx.setTimer(POLL_MS, t -> wakeOne());
        return;
      }
      worker.apply(due.result().get(0)).onComplete(done -> next());
    });
  }

  /** One idle slot looks again (the timer of a slot, or a publish). */
  private void wakeOne() {
    if (idle > 0) {
      idle--;
      next();
    }
  }

  @Override
  public void wake() {
    wakeOne();
  }

  @Override
  public Future<JsonObject> status() {
    return Future.succeededFuture(new JsonObject().put("transport", "database"));
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }
}
