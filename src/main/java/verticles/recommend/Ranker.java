package verticles.recommend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ranks the recommended feed out of its candidate sources (docs/recommend.md): pure, no I/O, so
 * that the offline evaluation runs this very code on generated data.
 *
 * <p>A candidate's score is the sum of what each source says of it:
 * {@code 4 × colike / max colike} (item to item: how often it was liked close to the viewer's
 * recent likes, relative to the best candidate), {@code + 3 × 2^(−age / 3 days)} when its author
 * is followed, {@code + 1.5 × (1 − rank / ranked)} when it is in the hot ranking, and
 * {@code + 1 × 2^(−age / 1 day)} when it is among the newest videos. The viewer's own videos and
 * the excluded ones (liked, or shown within a day) are never candidates. A page takes the best
 * candidates with at most {@link #AUTHOR_CAP} videos per author; for a viewer with a token,
 * {@link #EXPLORE_SHARE} of it (every fifth place) goes to new videos drawn at random instead,
 * so that what the viewer never saw gets a chance.
 */
public final class Ranker {
  public static final int AUTHOR_CAP = 2;
  public static final double EXPLORE_SHARE = 0.2;
  static final double COLIKE_WEIGHT = 4;
  static final double FOLLOWED_WEIGHT = 3;
  static final double HOT_WEIGHT = 1.5;
  static final double FRESH_WEIGHT = 1;
  static final long FOLLOWED_HALF_LIFE_MS = TimeUnit.DAYS.toMillis(3);
  static final long FRESH_HALF_LIFE_MS = TimeUnit.DAYS.toMillis(1);
  private static final int EXPLORE_EVERY = 5;

  /** A video as the ranker knows it. */
  public record Video(long id, long authorId, long createdAt) {
  }

  /**
   * What is known for one page: the viewer (0: anonymous), the time, the candidates of each
   * source ({@code coLiked}: video id → co-like weight summed over the viewer's recent likes;
   * {@code hot}: best first), every candidate video by id, and the ids never to show.
   */
  public record Signals(long viewer, long now, Map<Long, Double> coLiked, List<Long> followed, List<Long> hot,
                        List<Long> fresh, Map<Long, Video> videos, Set<Long> excluded) {
  }

  private Ranker() {
  }

  /** Every candidate id of the four sources, each once. */
  public static Set<Long> candidates(Map<Long, Double> coLiked, Collection<Long> followed, Collection<Long> hot,
                                     Collection<Long> fresh) {
    Set<Long> all = new LinkedHashSet<>(coLiked.keySet());
    all.addAll(followed);
    all.addAll(hot);
    all.addAll(fresh);
    return all;
  }

  /** The viewer's page of at most {@code limit} videos, best first, with exploration drawn from {@code random}. */
  public static List<Long> page(Signals signals, int limit, Random random) {
    List<Long> ranked = ranked(signals);
    int explore = signals.viewer() == 0 ? 0 : (int) Math.round(limit * EXPLORE_SHARE);
    Map<Long, Integer> perAuthor = new HashMap<>();
    Set<Long> picked = new LinkedHashSet<>();
    List<Long> best = take(ranked, limit - explore, signals.videos(), perAuthor, picked);
    List<Long> pool = new ArrayList<>(signals.fresh().stream().filter(id -> allowed(signals, id)).toList());
    Collections.shuffle(pool, random);
    List<Long> explored = take(pool, explore, signals.videos(), perAuthor, picked);
    List<Long> more = take(ranked, limit - best.size() - explored.size(), signals.videos(), perAuthor, picked);
    List<Long> page = new ArrayList<>(best);
    page.addAll(more);
    for (int i = 0; i < explored.size(); i++) {
      page.add(Math.min(page.size(), i * EXPLORE_EVERY + EXPLORE_EVERY - 1), explored.get(i));
    }
    return page;
  }

  /**
   * The candidates as consecutive pages of at most {@code pageSize}, best first, each with at most
   * {@link #AUTHOR_CAP} videos per author (a video over the cap moves to a later page): the
   * cold-start sequence that anonymous viewers page through.
   */
  public static List<List<Long>> pages(Signals signals, int pageSize) {
    List<Long> remaining = new ArrayList<>(ranked(signals));
    List<List<Long>> pages = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Set<Long> picked = new LinkedHashSet<>();
      pages.add(take(remaining, pageSize, signals.videos(), new HashMap<>(), picked));
      remaining.removeAll(picked);
    }
    return pages;
  }

  /** The allowed candidates by score, best first (ties: the newer id first). */
  static List<Long> ranked(Signals signals) {
    double maxColike = signals.coLiked().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Map<Long, Double> scores = new HashMap<>();
    signals.coLiked().forEach((id, weight) -> scores.merge(id, COLIKE_WEIGHT * weight / maxColike, Double::sum));
    for (long id : signals.followed()) {
      scores.merge(id, FOLLOWED_WEIGHT * decay(signals, id, FOLLOWED_HALF_LIFE_MS), Double::sum);
    }
    List<Long> hot = signals.hot();
    for (int rank = 0; rank < hot.size(); rank++) {
      scores.merge(hot.get(rank), HOT_WEIGHT * (1 - (double) rank / hot.size()), Double::sum);
    }
    for (long id : signals.fresh()) {
      scores.merge(id, FRESH_WEIGHT * decay(signals, id, FRESH_HALF_LIFE_MS), Double::sum);
    }
    return scores.keySet().stream().filter(id -> allowed(signals, id))
        .sorted(Comparator.<Long>comparingDouble(scores::get).reversed().thenComparing(Comparator.reverseOrder()))
        .toList();
  }

  /** Whether {@code id} may be shown: a known video, not the viewer's own, not excluded. */
  private static boolean allowed(Signals signals, long id) {
    Video video = signals.videos().get(id);
    return video != null && video.authorId() != signals.viewer() && !signals.excluded().contains(id);
  }

  private static double decay(Signals signals, long id, long halfLifeMs) {
    Video video = signals.videos().get(id);
    long age = video == null ? Long.MAX_VALUE : Math.max(0, signals.now() - video.createdAt());
    return Math.pow(2, -(double) age / halfLifeMs);
  }

  /** Up to {@code n} ids of {@code ids}, in order, not picked yet, within the author cap; adds them to {@code picked}. */
  private static List<Long> take(List<Long> ids, int n, Map<Long, Video> videos, Map<Long, Integer> perAuthor,
                                 Set<Long> picked) {
    List<Long> taken = new ArrayList<>();
    for (int i = 0; i < ids.size() && taken.size() < n; i++) {
      long id = ids.get(i);
      long author = videos.get(id).authorId();
      if (!picked.contains(id) && perAuthor.getOrDefault(author, 0) < AUTHOR_CAP) {
        perAuthor.merge(author, 1, Integer::sum);
        picked.add(id);
        taken.add(id);
      }
    }
    return taken;
  }
}
