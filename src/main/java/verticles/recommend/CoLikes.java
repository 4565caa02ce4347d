package verticles.recommend;

import java.util.ArrayList;
import java.util.List;

/**
 * The item-to-item rule: a user's {@link #RECENT} most recent likes are kept, and each new like
 * counts once with each of them as liked together ({@code (new, earlier)} and
 * {@code (earlier, new)}). A candidate's co-like weight for a viewer is the sum of its weights with
 * the viewer's recent likes. Pure, so that the offline evaluation applies the same rule.
 */
public final class CoLikes {
  /** How many recent likes of a user are kept (and paired with the next like). */
  public static final int RECENT = 10;

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
