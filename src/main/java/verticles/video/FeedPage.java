package verticles.video;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Cuts a feed page so that paging with {@code next_time} has no gap and no duplicate.
 *
 * <p>The next page asks for videos strictly before {@code next_time}, an instant in the unit of the
 * request (a second or a millisecond). If a page ended in the middle of an instant, the rest of that
 * instant would be skipped. So the query reads one row more than the page, and when the row after
 * the page shares the last row's instant, every video of that instant moves to the next page. Only
 * when more than a whole page shares one instant is the split unavoidable (the protocol cannot say
 * "the rest of this second"): the page then holds the first {@code limit} of them.
 */
final class FeedPage {
  /** The unit of {@code latest_time} / {@code next_time} in a request. */
  enum Unit {
    SECONDS(1000), MILLISECONDS(1);

    private final long millis;

    Unit(long millis) {
      this.millis = millis;
    }

    long instantOf(long epochMillis) {
      return Math.floorDiv(epochMillis, millis);
    }

    long toMillis(long instant) {
      return instant * millis;
    }

    static Unit parse(String unit) {
      return "ms".equals(unit) ? MILLISECONDS : SECONDS;
    }
  }

  /** A page: the rows to show and the cursor for the next one. */
  record Page(List<JsonObject> rows, long nextTime) {
  }

  private FeedPage() {
  }

  /**
   * @param rows    up to {@code limit + 1} rows, newest first, each with {@code created_at} (ms)
   * @param before  the exclusive bound of the query (ms)
   */
  static Page cut(List<JsonObject> rows, int limit, Unit unit, long before) {
    List<JsonObject> page = rows;
    if (rows.size() > limit) {
      long lastInstant = instant(rows.get(limit - 1), unit);
      if (instant(rows.get(limit), unit) == lastInstant) {
        int end = limit;
        while (end > 0 && instant(rows.get(end - 1), unit) == lastInstant) {
          end--;
        }
        page = end == 0 ? rows.subList(0, limit) : rows.subList(0, end);
      } else {
        page = rows.subList(0, limit);
      }
    }
    long next = page.isEmpty() ? unit.instantOf(before) : instant(page.get(page.size() - 1), unit);
    return new Page(List.copyOf(page), next);
  }

  private static long instant(JsonObject row, Unit unit) {
    return unit.instantOf(row.getLong("created_at"));
  }
}
