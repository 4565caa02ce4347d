package verticles.recommend;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.Refreshing;
import verticles.common.bus.Domain;
import verticles.common.bus.DomainVerticle;
import verticles.common.config.Config;
import verticles.common.db.Database;
import verticles.events.EventConsumer;
import verticles.events.Subscription;
import verticles.video.VideoClient;
import verticles.video.VideoRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The recommend domain: the recommended feed (docs/recommend.md). Its state ({@link RecommendState})
 * is fed by the domain events of the {@code recommend} subscription (likes, follows, new videos);
 * a page is built from its candidate sources (new videos of followed authors, videos co-liked with
 * the viewer's recent likes, the video domain's hot ranking, the newest videos) and ranked by
 * {@link Ranker}, without the videos shown to the viewer within a day: a page for a viewer with a
 * token is recorded as shown (its impression) before it is answered.
 */
public final class RecommendVerticle extends DomainVerticle {
  static final int PAGE_MAX = 100;
  /** A video shown to a viewer is not shown again for this long. */
  static final long SHOWN_FOR_MS = TimeUnit.DAYS.toMillis(1);
  /** Followed authors' videos are candidates for this long after they were published. */
  static final long FOLLOWED_FOR_MS = TimeUnit.DAYS.toMillis(7);
  /** Candidates read per source. */
  static final int PER_SOURCE = 300;
  /** The hot ranking's best, the hot source (one page of the video domain's hot ranking, its largest). */
  static final int HOT_SOURCE = 100;
  /** The global sources (hot, newest) are read again after this long; between, every page uses the kept ones. */
  static final long GLOBAL_REFRESH_MS = 1000;

  private final Database db;
  private final VideoClient videos;
  private RecommendState state;
  private EventConsumer events;
  private Refreshing<List<Ranker.Video>> hot;
  private Refreshing<List<Ranker.Video>> newest;

  public RecommendVerticle(Database db, VideoClient videos) {
    super(Domain.RECOMMEND);
    this.db = db;
    this.videos = videos;
  }

  @Override
  protected Future<?> setUp(Config config) {
    state = new DatabaseState(db);
    hot = new Refreshing<>(GLOBAL_REFRESH_MS, now -> videos.hot(0, HOT_SOURCE)
        .map(page -> page.videos().stream().map(RecommendVerticle::video).toList()));
    newest = new Refreshing<>(GLOBAL_REFRESH_MS, now -> state.newest(PER_SOURCE));
    on(RecommendAddresses.PAGE, this::page);
    events = EventConsumer.start(vertx, config, db, Subscription.RECOMMEND, (conn, batch) -> state.apply(conn, batch));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return Future.join(events == null ? Future.succeededFuture() : events.close(), super.stop());
  }

  private Future<JsonObject> page(JsonObject body) {
    long viewer = Fields.optionalId(body, "viewer_id");
    long number = Fields.nonNegative(body, "page", 0);
    long limit = Fields.nonNegative(body, "limit", 30);
    if (limit < 1 || limit > PAGE_MAX) {
      throw Failure.badRequest("limit must be between 1 and " + PAGE_MAX);
    }
    long now = System.currentTimeMillis();
    // The hot ranking is one source among four: without the video domain, the page goes on without it.
    Future<List<Ranker.Video>> hotVideos = hot.get(now).otherwise(List.of());
    Future<List<Ranker.Video>> newVideos = newest.get(now);
    if (viewer == 0) {
      return Future.all(hotVideos, newVideos).map(done -> {
        Ranker.Signals signals = signals(0, now, Map.of(), List.of(), hotVideos.result(), newVideos.result(), List.of(), Set.of());
        List<List<Long>> pages = Ranker.pages(signals, (int) limit);
        return number < pages.size() ? reply(pages.get((int) number), number + 1) : reply(List.of(), number);
      });
    }
    // Two rounds: what the viewer's page starts from (and which of the kept global candidates they
    // like), then their personal candidates without their likes; then the page's impression.
    return Future.all(hotVideos, newVideos).compose(global -> {
      Set<Long> globalIds = new HashSet<>(ids(hotVideos.result()));
      globalIds.addAll(ids(newVideos.result()));
      Future<RecommendState.Viewer> viewerState = state.viewer(viewer, now - SHOWN_FOR_MS);
      Future<Set<Long>> likedGlobal = state.liked(viewer, globalIds);
      return Future.all(viewerState, likedGlobal).compose(first -> {
        RecommendState.Viewer seen = viewerState.result();
        Future<RecommendState.CoLiked> coLiked = state.coLiked(viewer, seen.recentLikes(), PER_SOURCE);
        Future<List<Ranker.Video>> followed = state.byAuthors(viewer, seen.followees(), now - FOLLOWED_FOR_MS, PER_SOURCE);
        return Future.all(coLiked, followed).compose(second -> {
          Set<Long> excluded = new HashSet<>(seen.shown());
          excluded.addAll(likedGlobal.result());
          excluded.addAll(seen.recentLikes());
          Ranker.Signals signals = signals(viewer, now, coLiked.result().weights(), followed.result(), hotVideos.result(),
              newVideos.result(), coLiked.result().videos(), excluded);
          List<Long> page = Ranker.page(signals, (int) limit, ThreadLocalRandom.current());
          return state.served(viewer, page, now, now - SHOWN_FOR_MS).map(v -> reply(page, number + 1));
        });
      });
    });
  }

  private static Ranker.Signals signals(long viewer, long now, Map<Long, Double> coLiked, List<Ranker.Video> followed,
                                        List<Ranker.Video> hot, List<Ranker.Video> fresh, List<Ranker.Video> others,
                                        Set<Long> excluded) {
    Map<Long, Ranker.Video> byId = new HashMap<>();
    for (List<Ranker.Video> list : List.of(followed, hot, fresh, others)) {
      list.forEach(v -> byId.put(v.id(), v));
    }
    return new Ranker.Signals(viewer, now, coLiked, ids(followed), ids(hot), ids(fresh), byId, excluded);
  }

  private static List<Long> ids(List<Ranker.Video> videos) {
    return videos.stream().map(Ranker.Video::id).toList();
  }

  private static Ranker.Video video(VideoRow row) {
    return new Ranker.Video(row.id(), row.authorId(), row.createdAt());
  }

  private static JsonObject reply(List<Long> ids, long nextPage) {
    return new JsonObject().put("video_ids", new JsonArray(new ArrayList<>(ids))).put("next_page", nextPage);
  }
}
