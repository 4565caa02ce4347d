package verticles.live;

import io.vertx.core.Future;
import verticles.common.LruMap;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Which videos a socket may watch: those the video domain knows. Answers are kept per event loop
 * (a {@link LiveChannel}'s), at most {@link #KEPT} of them: a video that exists for
 * {@link #EXISTS_FOR_MS}, one that does not for {@link #MISSING_FOR_MS} (it may be published in a
 * moment; a client asking again and again is held by its operation rate). Sockets asking about the
 * same video at once share one look-up. Used from its channel's event loop only.
 */
final class WatchableVideos {
  static final int KEPT = 10_000;
  static final long EXISTS_FOR_MS = TimeUnit.MINUTES.toMillis(1);
  static final long MISSING_FOR_MS = TimeUnit.SECONDS.toMillis(1);

  private record Answer(boolean exists, long until) {
  }

  private final LongFunction<Future<Boolean>> lookUp;
  private final Map<Long, Answer> answers = new LruMap<>(KEPT);
  private final Map<Long, Future<Boolean>> looking = new HashMap<>();

  /** {@code lookUp}: whether the video domain has the video (a failure: it cannot say now). */
  WatchableVideos(LongFunction<Future<Boolean>> lookUp) {
    this.lookUp = lookUp;
  }

  /** Whether video {@code id} exists; a failed future when the video domain cannot say now. */
  Future<Boolean> exists(long id) {
    long now = System.currentTimeMillis();
    Answer answer = answers.get(id);
    if (answer != null && now < answer.until()) {
      return Future.succeededFuture(answer.exists());
    }
    Future<Boolean> pending = looking.get(id);
    if (pending != null) {
      return pending;
    }
    Future<Boolean> started = lookUp.apply(id);
    looking.put(id, started);
    return started.andThen(done -> {
      looking.remove(id, started);
      if (done.succeeded()) {
        answers.put(id, new Answer(done.result(), now + (done.result() ? EXISTS_FOR_MS : MISSING_FOR_MS)));
      }
    });
  }
}
