package verticles.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The offline evaluation of the recommended feed (docs/recommend.md), run by
 * {@code bench/recommend-eval.sh}: a generated community with planted tastes, the last 20 % of each
 * user's likes held out, and the first recommended page of each user, ranked by {@link Ranker} from
 * the state the events of the remaining likes and the follows build ({@link CoLikes}), scored
 * against the held-out likes next to a popularity and a random baseline computed the same way.
 * Deterministic: the same arguments print the same figures.
 *
 * <p>Arguments (all optional): users, videos, taste groups, seed.
 */
public final class RecommendEval {
  private static final int PAGE = 30;
  private static final double HELD_OUT = 0.2;
  /** The chance that a like is of the user's own taste group (else any video). */
  private static final double IN_GROUP = 0.85;
  /** Popularity within a group: the video of rank r is liked with weight 1 / (r + 1)^ZIPF. */
  private static final double ZIPF = 0.8;
  private static final int MIN_LIKES = 20;
  private static final int MAX_LIKES = 60;
  private static final int CREATORS_PER_GROUP = 100;
  private static final int FOLLOWS_IN_GROUP = 2;
  private static final int FOLLOWS_ACROSS = 1;
  private static final long SPAN_MS = TimeUnit.DAYS.toMillis(30);

  private final int users;
  private final int videos;
  private final int groups;
  private final long seed;
  private final Random random;
  /** Per video: its creator and publish time; per group: its videos, in popularity order. */
  private final long[] creatorOf;
  private final long[] createdAt;
  private final List<List<Integer>> groupVideos = new ArrayList<>();
  private final double[] zipfCdf;

  private RecommendEval(int users, int videos, int groups, long seed) {
    this.users = users;
    this.videos = videos;
    this.groups = groups;
    this.seed = seed;
    this.random = new Random(seed);
    this.creatorOf = new long[videos];
    this.createdAt = new long[videos];
    for (int g = 0; g < groups; g++) {
      groupVideos.add(new ArrayList<>());
    }
    int creators = groups * CREATORS_PER_GROUP;
    for (int v = 0; v < videos; v++) {
      // Creator c belongs to group c % groups; a video to its creator's group. Ids start at 1.
      long creator = random.nextInt(creators);
      creatorOf[v] = users + 1 + creator;
      createdAt[v] = (long) (random.nextDouble() * SPAN_MS);
      groupVideos.get((int) (creator % groups)).add(v);
    }
    groupVideos.forEach(list -> Collections.shuffle(list, random));
    int largest = groupVideos.stream().mapToInt(List::size).max().orElse(0);
    zipfCdf = new double[largest];
    double sum = 0;
    for (int r = 0; r < largest; r++) {
      sum += 1 / Math.pow(r + 1, ZIPF);
      zipfCdf[r] = sum;
    }
  }

  private record Like(long user, long video, long at) {
  }

  public static void main(String[] args) {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int videos = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int groups = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 18;
    new RecommendEval(users, videos, groups, seed).run();
  }

  private int popularIn(int group) {
    List<Integer> list = groupVideos.get(group);
    double x = random.nextDouble() * zipfCdf[list.size() - 1];
    int rank = Arrays.binarySearch(zipfCdf, 0, list.size(), x);
    return list.get(rank < 0 ? -rank - 1 : rank);
  }

  private void run() {
    long now = SPAN_MS;
    List<Like> training = new ArrayList<>();
    Map<Long, Set<Long>> heldOut = new HashMap<>();
    Map<Long, Set<Long>> liked = new HashMap<>();
    Map<Long, List<Long>> followees = new HashMap<>();
    int creators = groups * CREATORS_PER_GROUP;
    for (long user = 1; user <= users; user++) {
      int group = (int) (user % groups);
      int count = MIN_LIKES + random.nextInt(MAX_LIKES - MIN_LIKES + 1);
      Set<Long> chosen = new LinkedHashSet<>();
      while (chosen.size() < count) {
        chosen.add(1L + (random.nextDouble() < IN_GROUP ? popularIn(group) : random.nextInt(videos)));
      }
      long[] times = random.longs(count, 0, now).sorted().toArray();
      List<Long> ordered = new ArrayList<>(chosen);
      int keep = count - (int) Math.round(count * HELD_OUT);
      for (int i = 0; i < count; i++) {
        if (i < keep) {
          training.add(new Like(user, ordered.get(i), times[i]));
        }
      }
      liked.put(user, new HashSet<>(ordered.subList(0, keep)));
      heldOut.put(user, new HashSet<>(ordered.subList(keep, count)));
      List<Long> follows = new ArrayList<>();
      for (int i = 0; i < FOLLOWS_IN_GROUP; i++) {
        follows.add(users + 1 + (long) random.nextInt(CREATORS_PER_GROUP) * groups + group);
      }
      for (int i = 0; i < FOLLOWS_ACROSS; i++) {
        follows.add(users + 1 + (long) random.nextInt(creators));
      }
      followees.put(user, follows);
    }
    training.sort(Comparator.comparingLong(Like::at));

    // The state the events build, in event order: recent likes, co-likes, like counts.
    Map<Long, List<Long>> recent = new HashMap<>();
    Map<Long, Map<Long, Integer>> colikes = new HashMap<>();
    Map<Long, Integer> likeCounts = new HashMap<>();
    for (Like like : training) {
      List<Long> before = recent.getOrDefault(like.user(), List.of());
      for (long other : CoLikes.pairedWith(before, like.video())) {
        colikes.computeIfAbsent(like.video(), k -> new HashMap<>()).merge(other, 1, Integer::sum);
        colikes.computeIfAbsent(other, k -> new HashMap<>()).merge(like.video(), 1, Integer::sum);
      }
      recent.put(like.user(), CoLikes.afterLike(before, like.video()));
      likeCounts.merge(like.video(), 1, Integer::sum);
    }
    Map<Long, Ranker.Video> all = new HashMap<>();
    for (int v = 0; v < videos; v++) {
      all.put(v + 1L, new Ranker.Video(v + 1L, creatorOf[v], createdAt[v]));
    }
    List<Long> popular = likeCounts.entrySet().stream()
        .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).toList();
    List<Long> hot = popular.subList(0, Math.min(RecommendVerticle.HOT_SOURCE, popular.size()));
    List<Long> newest = all.values().stream().sorted(Comparator.comparingLong(Ranker.Video::createdAt).reversed())
        .limit(RecommendVerticle.PER_SOURCE).map(Ranker.Video::id).toList();
    Map<Long, List<Long>> byCreator = all.values().stream()
        .filter(v -> v.createdAt() >= now - RecommendVerticle.FOLLOWED_FOR_MS)
        .sorted(Comparator.comparingLong(Ranker.Video::createdAt).reversed())
        .collect(Collectors.groupingBy(Ranker.Video::authorId, Collectors.mapping(Ranker.Video::id, Collectors.toList())));

    Score recommend = new Score();
    Score popularity = new Score();
    Score randomly = new Score();
    Random baseline = new Random(random.nextLong());
    for (long user = 1; user <= users; user++) {
      Set<Long> likes = liked.get(user);
      Map<Long, Double> coLiked = coLiked(colikes, recent.getOrDefault(user, List.of()));
      List<Long> followed = followees.get(user).stream().flatMap(c -> byCreator.getOrDefault(c, List.of()).stream())
          .sorted(Comparator.comparingLong((Long id) -> all.get(id).createdAt()).reversed())
          .limit(RecommendVerticle.PER_SOURCE).toList();
      Ranker.Signals signals = new Ranker.Signals(user, now, coLiked, followed, hot, newest, all, likes);
      recommend.add(Ranker.page(signals, PAGE, new Random(user)), heldOut.get(user));
      popularity.add(popular.stream().filter(id -> !likes.contains(id)).limit(PAGE).toList(), heldOut.get(user));
      Set<Long> drawn = new LinkedHashSet<>();
      while (drawn.size() < PAGE) {
        long id = 1L + baseline.nextInt(videos);
        if (!likes.contains(id)) {
          drawn.add(id);
        }
      }
      randomly.add(List.copyOf(drawn), heldOut.get(user));
    }
    System.out.printf("community: %d users in %d taste groups, %d videos by %d creators, %d likes (%d held out), seed %d%n",
        users, groups, videos, creators, training.size() + heldOut.values().stream().mapToInt(Set::size).sum(),
        heldOut.values().stream().mapToInt(Set::size).sum(), seed);
    System.out.printf("recommend  recall@30 %.4f hit-rate@30 %.4f%n", recommend.recall(), recommend.hitRate());
    System.out.printf("popularity recall@30 %.4f hit-rate@30 %.4f%n", popularity.recall(), popularity.hitRate());
    System.out.printf("random     recall@30 %.4f hit-rate@30 %.4f%n", randomly.recall(), randomly.hitRate());
    System.out.printf("recall@30 recommend %.4f popularity %.4f random %.4f%n",
        recommend.recall(), popularity.recall(), randomly.recall());
  }

  /** The co-like weights of the candidates over the user's recent likes, the best {@link RecommendVerticle#PER_SOURCE}. */
  private static Map<Long, Double> coLiked(Map<Long, Map<Long, Integer>> colikes, List<Long> recentLikes) {
    Map<Long, Double> sums = new HashMap<>();
    for (long video : recentLikes) {
      colikes.getOrDefault(video, Map.of()).forEach((other, weight) -> sums.merge(other, (double) weight, Double::sum));
    }
    Map<Long, Double> best = new HashMap<>();
    sums.entrySet().stream()
        .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .limit(RecommendVerticle.PER_SOURCE).forEach(e -> best.put(e.getKey(), e.getValue()));
    return best;
  }

  /** Recall@k (mean over users of the share of their held-out likes on the page) and hit rate@k. */
  private static final class Score {
    private double recallSum;
    private int hits;
    private int users;

    void add(List<Long> page, Set<Long> heldOut) {
      if (heldOut.isEmpty()) {
        return;
      }
      long found = page.stream().filter(heldOut::contains).count();
      recallSum += (double) found / heldOut.size();
      hits += found > 0 ? 1 : 0;
      users++;
    }

    double recall() {
      return users == 0 ? 0 : recallSum / users;
    }

    double hitRate() {
      return users == 0 ? 0 : (double) hits / users;
    }
  }
}
