package verticles.recommend;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import verticles.events.DomainEvent;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recommend domain's state, per user and per video: what the events taught it (likes, recent
 * likes, co-likes, follows, videos) and the impressions of recommended pages. Kept in the database
 * ({@link DatabaseState}); another store (Redis) implements this interface.
 */
interface RecommendState {
  /** What one viewer's page starts from: recent likes (newest first), whom they follow, what they were shown since. */
  record Viewer(List<Long> recentLikes, List<Long> followees, Set<Long> shown) {
  }

  /**
   * Applies events of the {@code recommend} subscription, in their order, inside the consumer's
   * transaction on {@code conn} (which marks them consumed).
   */
  Future<Void> apply(SqlConnection conn, List<DomainEvent> events);

  /** The viewer's recent likes, followees and the videos shown to them on recommended pages since {@code shownSince}. */
  Future<Viewer> viewer(long viewerId, long shownSince);

  /** Co-liked candidates: id → weight summed over the recent likes, and the videos themselves. */
  record CoLiked(Map<Long, Double> weights, List<Ranker.Video> videos) {
    static final CoLiked NONE = new CoLiked(Map.of(), List.of());
  }

  /**
   * Up to {@code limit} known videos most liked together with {@code videoIds}, without those the
   * viewer likes.
   */
  Future<CoLiked> coLiked(long viewerId, List<Long> videoIds, int limit);

  /** Up to {@code limit} videos of {@code authors} published since {@code since} that the viewer does not like, newest first. */
  Future<List<Ranker.Video>> byAuthors(long viewerId, Collection<Long> authors, long since, int limit);

  /** The {@code limit} newest videos, newest first. */
  Future<List<Ranker.Video>> newest(int limit);

  /** Which of {@code ids} the viewer likes. */
  Future<Set<Long>> liked(long viewerId, Collection<Long> ids);

  /**
   * Records that {@code ids} were shown to the viewer at {@code now} (complete once it is durable);
   * forgets impressions older than {@code forgetBefore}.
   */
  Future<Void> served(long viewerId, List<Long> ids, long now, long forgetBefore);
}
