package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import verticles.observability.NodeMetrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class FeedCacheTest {
  private final AtomicInteger compositions = new AtomicInteger();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final NodeMetrics metrics = NodeMetrics.over(registry);

  private double counted(String result) {
    return registry.get("vertok.cache.requests").tags("cache", "feed", "result", result).counter().count();
  }

  private Future<JsonObject> compose() {
    return Future.succeededFuture(new JsonObject().put("n", compositions.incrementAndGet()));
  }

  @Test
  void aPageIsServedUntilItsTimeToLiveEnds() {
    FeedCache<JsonObject> cache = new FeedCache<>(1000, metrics);
    assertEquals(1, cache.page("k", 10_000, this::compose).result().getInteger("n"));
    assertEquals(1, cache.page("k", 10_999, this::compose).result().getInteger("n"));
    assertEquals(2, cache.page("k", 11_000, this::compose).result().getInteger("n"));
    assertEquals(3, cache.page("other", 11_000, this::compose).result().getInteger("n"));
    assertEquals(1, counted("hit"));
    assertEquals(3, counted("miss"));
  }

  @Test
  void aPublishedVideoDropsEveryPage() {
    FeedCache<JsonObject> cache = new FeedCache<>(1000, metrics);
    cache.page("k", 10_000, this::compose);
    cache.invalidate();
    assertEquals(2, cache.page("k", 10_001, this::compose).result().getInteger("n"));
  }

  @Test
  void concurrentRequestsShareOneComposition() {
    FeedCache<JsonObject> cache = new FeedCache<>(1000, metrics);
    Promise<JsonObject> slow = Promise.promise();
    Future<JsonObject> first = cache.page("k", 10_000, slow::future);
    Future<JsonObject> second = cache.page("k", 10_001, this::compose);
    assertSame(first, second);
    assertEquals(0, compositions.get());
    slow.complete(new JsonObject().put("n", 7));
    assertEquals(7, cache.page("k", 10_002, this::compose).result().getInteger("n"));
    assertEquals(List.of(1.0, 1.0, 1.0), List.of(counted("miss"), counted("shared"), counted("hit")));
  }

  @Test
  void aPageComposedAcrossAnInvalidationIsNotStored() {
    FeedCache<JsonObject> cache = new FeedCache<>(1000, metrics);
    Promise<JsonObject> slow = Promise.promise();
    cache.page("k", 10_000, slow::future);
    cache.invalidate();
    slow.complete(new JsonObject().put("n", 7));
    assertEquals(1, cache.page("k", 10_001, this::compose).result().getInteger("n"));
  }

  @Test
  void aFailedCompositionIsNotKept() {
    FeedCache<JsonObject> cache = new FeedCache<>(1000, metrics);
    cache.page("k", 10_000, () -> Future.failedFuture("down"));
    assertEquals(1, cache.page("k", 10_001, this::compose).result().getInteger("n"));
  }

  @Test
  void aZeroTimeToLiveCachesNothing() {
    FeedCache<JsonObject> cache = new FeedCache<>(0, metrics);
    cache.page("k", 10_000, this::compose);
    assertEquals(2, cache.page("k", 10_000, this::compose).result().getInteger("n"));
  }
}
