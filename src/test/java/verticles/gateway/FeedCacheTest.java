package verticles.gateway;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FeedCacheTest {
  private final JsonObject page = new JsonObject().put("next_time", 1);

  @Test
  void aPageIsServedUntilItsTimeToLiveEnds() {
    FeedCache cache = new FeedCache(1000);
    cache.put("k", page, cache.generation(), 10_000);
    assertEquals(page, cache.get("k", 10_999));
    assertNull(cache.get("k", 11_000));
    assertNull(cache.get("other", 10_500));
  }

  @Test
  void aPublishedVideoDropsEveryPage() {
    FeedCache cache = new FeedCache(1000);
    cache.put("k", page, cache.generation(), 10_000);
    cache.invalidate();
    assertNull(cache.get("k", 10_001));
  }

  @Test
  void aPageComposedAcrossAnInvalidationIsNotStored() {
    FeedCache cache = new FeedCache(1000);
    long started = cache.generation();
    cache.invalidate();
    cache.put("k", page, started, 10_000);
    assertNull(cache.get("k", 10_001));
  }

  @Test
  void aZeroTimeToLiveCachesNothing() {
    FeedCache cache = new FeedCache(0);
    cache.put("k", page, cache.generation(), 10_000);
    assertNull(cache.get("k", 10_000));
  }
}
