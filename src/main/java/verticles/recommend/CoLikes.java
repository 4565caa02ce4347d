package verticles.recommend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The item-to-item rule: a user's {@link #RECENT} most recent likes are kept, and each new like
 * counts once with each of them as liked together ({@code (new, earlier)} and
 * {@code (earlier, new)}). A candidate's co-like weight for a viewer is the sum of its weights with
 * the viewer's recent likes, each of which brings its {@link #PER_LIKE} strongest co-likes (so
 * that a page reads a bounded number of rows however popular the viewer's likes are). Pure, so
 * that the offline evaluation applies the same rule.
 */
public final class CoLikes {
  /** How many recent likes of a user are kept (and paired with the next like). */
  public static final int RECENT = 10;
  /** How many co-liked videos each recent like brings: its strongest (the heaviest, then the highest id). */
  public static final int PER_LIKE = 50;

  /** One co-like: {@code other} liked together with a video {@code weight} times. */
  public record Weight(long other, long weight) {
  }

  /**
   * The candidates of {@code perLike} (each recent like's strongest co-likes): id → weight summed
   * over the likes, the {@code limit} heaviest (then the highest ids), heaviest first.
   */
  public static Map<Long, Double> summed(Collection<List<Weight>> perLike, int limit) {
    Map<Long, Double> sums = new HashMap<>();
    perLike.forEach(weights -> weights.forEach(w -> sums.merge(w.other(), (double) w.weight(), Double::sum)));
    Map<Long, Double> best = new LinkedHashMap<>();
    sums.entrySet().stream()
        .sorted(Map.Entry.<Long, Double>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .limit(limit).forEach(e -> best.put(e.getKey(), e.getValue()));
    return best;
  }

  private CoLikes() {
  }

  /** The recent likes after liking {@code videoId}: it first, then the earlier ones, at most {@link #RECENT}. */
  public static List<Long> afterLike(List<Long> recent, long videoId) {
    List<Long> after = new ArrayList<>(RECENT);
    after.add(videoId);
    for (long id : recent) {
      if (id != videoId && after.size() < RECENT) {
        after.add(id);
      }
    }
    return after;
  }

  /** The recent likes after unliking {@code videoId}. */
  public static List<Long> afterUnlike(List<Long> recent, long videoId) {
    return recent.stream().filter(id -> id != videoId).toList();
  }

  /** The videos a like of {@code videoId} pairs with: the recent likes before it, but itself. */
  public static List<Long> pairedWith(List<Long> recentBefore, long videoId) {
    return recentBefore.stream().filter(id -> id != videoId).toList();
  }
}
