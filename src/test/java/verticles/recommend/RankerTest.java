package verticles.recommend;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankerTest {
  private static final long NOW = TimeUnit.DAYS.toMillis(100);
  private static final long VIEWER = 1;

  /** Videos 1..n, video i by author 100 + i, published i minutes ago. */
  private static Map<Long, Ranker.Video> videos(int n) {
    Map<Long, Ranker.Video> videos = new HashMap<>();
    for (long id = 1; id <= n; id++) {
      videos.put(id, new Ranker.Video(id, 100 + id, NOW - TimeUnit.MINUTES.toMillis(id)));
    }
    return videos;
  }

  @Test
  void coLikedBeatsFollowedBeatsHotBeatsFresh() {
    Ranker.Signals signals = new Ranker.Signals(VIEWER, NOW, Map.of(1L, 2.0, 2L, 1.8), List.of(3L), List.of(4L, 5L),
        List.of(6L), videos(6), Set.of());
    assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 5L), Ranker.ranked(signals));
  }

  @Test
  void ownExcludedAndUnknownVideosAreNeverCandidates() {
    Map<Long, Ranker.Video> videos = videos(4);
    videos.put(2L, new Ranker.Video(2, VIEWER, NOW));
    Ranker.Signals signals = new Ranker.Signals(VIEWER, NOW, Map.of(9L, 5.0), List.of(), List.of(1L, 2L, 3L, 4L),
        List.of(), videos, Set.of(3L));
    assertEquals(List.of(1L, 4L), Ranker.page(signals, 30, new Random(1)));
  }

  @Test
  void aPageHoldsAtMostTwoVideosPerAuthorAndAFifthOfExploration() {
    Map<Long, Ranker.Video> videos = new HashMap<>();
    List<Long> hot = new ArrayList<>();
    List<Long> fresh = new ArrayList<>();
    for (long id = 1; id <= 200; id++) {
      // The fresh ones were published long ago: their fresh score is below every hot rank's.
      videos.put(id, new Ranker.Video(id, 1000 + id % 40, id <= 100 ? NOW - id : NOW - TimeUnit.DAYS.toMillis(10)));
      (id <= 100 ? hot : fresh).add(id);
    }
    Ranker.Signals signals = new Ranker.Signals(VIEWER, NOW, Map.of(), List.of(), hot, fresh, videos, Set.of());
    List<Long> page = Ranker.page(signals, 30, new Random(7));
    assertEquals(30, page.size());
    assertEquals(30, Set.copyOf(page).size());
    Map<Long, Integer> perAuthor = new HashMap<>();
    page.forEach(id -> perAuthor.merge(videos.get(id).authorId(), 1, Integer::sum));
    assertTrue(perAuthor.values().stream().allMatch(n -> n <= Ranker.AUTHOR_CAP), perAuthor.toString());
    long explored = page.stream().filter(id -> id > 100).count();
    assertEquals(6, explored, "six places go to fresh videos drawn at random: " + page);
  }

  @Test
  void coldStartPagesMoveVideosOverTheCapToLaterPages() {
    Map<Long, Ranker.Video> videos = new HashMap<>();
    for (long id = 1; id <= 5; id++) {
      videos.put(id, new Ranker.Video(id, 7, NOW - id));
    }
    Ranker.Signals signals = new Ranker.Signals(0, NOW, Map.of(), List.of(), List.of(), List.of(1L, 2L, 3L, 4L, 5L),
        videos, Set.of());
    assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L), List.of(5L)), Ranker.pages(signals, 30));
    assertFalse(Ranker.page(signals, 30, new Random(1)).size() > Ranker.AUTHOR_CAP);
  }
}
