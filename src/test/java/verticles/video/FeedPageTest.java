package verticles.video;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeedPageTest {
  private static List<JsonObject> rows(long... createdAt) {
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < createdAt.length; i++) {
      rows.add(new JsonObject().put("id", (long) (createdAt.length - i)).put("created_at", createdAt[i]));
    }
    return rows;
  }

  @Test
  void aShortPageIsReturnedWhole() {
    FeedPage.Page page = FeedPage.cut(rows(5_000, 4_000), 3, FeedPage.Unit.SECONDS, 10_000);
    assertEquals(2, page.rows().size());
    assertEquals(4, page.nextTime());
  }

  @Test
  void anInstantSplitByThePageMovesWholeToTheNextPage() {
    // limit 3; rows 3 and 4 share second 7: both must go to the next page.
    FeedPage.Page page = FeedPage.cut(rows(9_000, 8_500, 7_900, 7_100), 3, FeedPage.Unit.SECONDS, 10_000);
    assertEquals(2, page.rows().size());
    assertEquals(8, page.nextTime());
  }

  @Test
  void inMillisecondsTheSameRowsAreDistinctInstants() {
    FeedPage.Page page = FeedPage.cut(rows(9_000, 8_500, 7_900, 7_100), 3, FeedPage.Unit.MILLISECONDS, 10_000);
    assertEquals(3, page.rows().size());
    assertEquals(7_900, page.nextTime());
  }

  @Test
  void aPageEndingAtAnInstantBoundaryIsFull() {
    FeedPage.Page page = FeedPage.cut(rows(9_000, 8_500, 7_900, 6_100), 3, FeedPage.Unit.SECONDS, 10_000);
    assertEquals(3, page.rows().size());
    assertEquals(7, page.nextTime());
  }

  @Test
  void moreThanAPageInOneInstantGivesAFullPage() {
    FeedPage.Page page = FeedPage.cut(rows(7_900, 7_800, 7_700, 7_100), 3, FeedPage.Unit.SECONDS, 10_000);
    assertEquals(3, page.rows().size());
    assertEquals(7, page.nextTime());
  }

  @Test
  void anEmptyPageEchoesTheBoundInTheRequestUnit() {
    assertEquals(10, FeedPage.cut(List.of(), 30, FeedPage.Unit.SECONDS, 10_000).nextTime());
    assertEquals(10_000, FeedPage.cut(List.of(), 30, FeedPage.Unit.MILLISECONDS, 10_000).nextTime());
  }
}
