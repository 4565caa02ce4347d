package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.LruMap;
import verticles.recommend.RecommendClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recommended feed's pages (docs/recommend.md): the ids the recommend domain ranked for the
 * viewer, made complete Videos out of those this gateway composed lately for no one in particular
 * (kept per video for {@code feed_cache_ms}, like the latest page: it bounds how old a comment
 * count or an author's totals can be), then made the viewer's own with two calls, the viewer's
 * likes and follows ({@link Composer#own}), as the latest page is. Videos the viewer likes are left
 * out (a like the recommend domain has not applied yet). One per gateway verticle instance, used
 * from its event loop only.
 */
final class RecommendFeed {
  /** Videos kept per gateway instance: the hot and newest candidates and many co-liked ones. */
  static final int KEPT = 2_000;

  private record Kept(JsonObject video, long storedAt) {
  }

  private final Gateway gateway;
  private final RecommendClient recommend;
  private final long ttlMillis;
  private final Map<String, Kept> kept = new LruMap<>(KEPT);

  RecommendFeed(Gateway gateway, long ttlMillis) {
    this.gateway = gateway;
    this.recommend = new RecommendClient(gateway.bus());
    this.ttlMillis = ttlMillis;
  }

  /** Page {@code number} of the viewer's recommended feed (0: anonymous), the response body. */
  Future<Buffer> page(long viewer, long number, String base, MissingFields missing) {
    return recommend.page(viewer, number, VideoRoutes.FEED_PAGE).compose(page -> videos(page.videoIds(), base, missing)
        .compose(videos -> {
          List<Long> ids = videos.stream().map(v -> v.getLong("id")).toList();
          Set<Long> authors = new LinkedHashSet<>();
          videos.forEach(v -> authors.add(v.getJsonObject("author").getLong("id")));
          return gateway.composer().own(ids, authors, viewer, missing).map(own -> {
            List<JsonObject> shown = videos.stream().filter(v -> !own.likes(v.getLong("id"))).toList();
            JsonObject body = Envelope.success(new JsonObject().put("video_list", new JsonArray(new ArrayList<>(shown)))
                .put("next_time", page.nextPage()));
            Buffer personal = EncodedPage.of(body).personalized(own.likes(), own.follows());
            return missing.isEmpty() ? personal : missing.mark(personal.toJsonObject()).toBuffer();
          });
        }));
  }

  /** Complete Videos of {@code ids} as no one in particular sees them, in that order: kept ones, the others composed now. */
  private Future<List<JsonObject>> videos(List<Long> ids, String base, MissingFields missing) {
    long now = System.currentTimeMillis();
    List<Long> lacking = new ArrayList<>();
    for (Long id : ids) {
      Kept k = kept.get(key(base, id));
      if (k == null || now - k.storedAt() >= ttlMillis) {
        lacking.add(id);
      }
    }
    if (lacking.isEmpty()) {
      return Future.succeededFuture(ids.stream().map(id -> kept.get(key(base, id)).video()).toList());
    }
    boolean complete = missing.isEmpty();
    return gateway.composer().videosByIds(lacking, 0, base, missing).map(composed -> {
      Map<Long, JsonObject> byId = new HashMap<>();
      composed.forEach(v -> byId.put(v.getLong("id"), v));
      // A video composed without one of its domains is not kept: the next page composes it again.
      if (complete && missing.isEmpty() && ttlMillis > 0) {
        composed.forEach(v -> kept.put(key(base, v.getLong("id")), new Kept(v, now)));
      }
      Set<Long> composedNow = Set.copyOf(lacking);
      List<JsonObject> ordered = new ArrayList<>();
      for (Long id : ids) {
        JsonObject video = composedNow.contains(id) ? byId.get(id) : kept.get(key(base, id)).video();
        if (video != null) {
          ordered.add(video);
        }
      }
      return ordered;
    });
  }

  private static String key(String base, long id) {
    return base + "#" + id;
  }
}
