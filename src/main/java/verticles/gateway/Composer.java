package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.bus.Addresses;
import verticles.common.bus.BusClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Builds the wire-format User and Video objects out of several domains with batch calls: a page
 * costs one call per domain, all in parallel, whatever its length.
 *
 * <p>Every stats reply has the shape {@code {"stats": [{"<id_field>": id, field: value, ...}]}};
 * its fields are merged into the objects. A stats domain that fails leaves its fields at their
 * zero values (a degraded read, counted in {@link Degradations}); only the domain that owns the
 * objects themselves (user for users, video for videos) makes a read fail.
 */
final class Composer {
  /** Calls that add fields to User objects ({@code user_ids}, {@code viewer_id} in; stats by {@code user_id} out). */
  private static final List<String> USER_STATS = List.of("relation.userStats", "favorite.userStats", "video.userStats");
  /** Calls that add fields to Video objects ({@code video_ids}, {@code viewer_id} in; stats by {@code video_id} out). */
  private static final List<String> VIDEO_STATS = List.of("favorite.videoStats", "comment.videoStats");

  /** Profiles kept per node: enough for every active user of a large deployment. */
  private static final int PROFILE_CACHE_SIZE = 100_000;

  private final BusClient bus;
  private final Degradations degradations;
  private final ProfileCache profileCache = new ProfileCache(PROFILE_CACHE_SIZE);

  Composer(BusClient bus, Degradations degradations) {
    this.bus = bus;
    this.degradations = degradations;
  }

  /** One complete User; a 404 when it does not exist. */
  Future<JsonObject> user(long id, long viewer, String base) {
    return users(List.of(id), viewer, base, true).compose(found -> found.isEmpty()
        ? Future.failedFuture(Failure.notFound("user " + id + " does not exist"))
        : Future.succeededFuture(found.get(0)));
  }

  /**
   * Complete Users for {@code ids}, in that order; ids that do not exist are left out.
   *
   * @param strict whether a failing user domain fails the read (else authors degrade to bare ids)
   */
  Future<List<JsonObject>> users(List<Long> ids, long viewer, String base, boolean strict) {
    List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    if (distinct.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Future<Map<Long, JsonObject>> profiles = profiles(distinct).recover(e -> {
      if (strict) {
        return Future.failedFuture(e);
      }
      degradations.record("user", e);
      Map<Long, JsonObject> bare = new LinkedHashMap<>();
      distinct.forEach(id -> bare.put(id, new JsonObject().put("id", id).put("name", "")
          .put("avatar", "/media/avatar/" + id + ".png").put("background_image", "/media/background/" + id + ".png")
          .put("signature", "")));
      return Future.succeededFuture(bare);
    });
    JsonObject statsRequest = new JsonObject().put("user_ids", new JsonArray(distinct)).put("viewer_id", viewer);
    List<Future<JsonArray>> stats = USER_STATS.stream().map(address -> stats(address, statsRequest)).toList();
    return Future.all(with(stats, profiles)).map(done -> {
      Map<Long, JsonObject> users = new LinkedHashMap<>();
      profiles.result().forEach((id, profile) -> users.put(id, userTemplate().mergeIn(profile)));
      stats.forEach(s -> merge(users, s.result(), "user_id"));
      List<JsonObject> ordered = new ArrayList<>();
      for (Long id : ids) {
        JsonObject user = users.get(id);
        if (user != null) {
          absolutize(user, base, "avatar", "background_image");
          ordered.add(user);
        }
      }
      return ordered;
    });
  }

  /**
   * Complete Videos from video rows as the video domain answers them
   * ({@code id, author_id, title, play_url, cover_url, ...}), in the same order.
   */
  Future<List<JsonObject>> videos(List<JsonObject> rows, long viewer, String base) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Long> videoIds = rows.stream().map(r -> r.getLong("id")).toList();
    List<Long> authorIds = rows.stream().map(r -> r.getLong("author_id")).toList();
    Future<List<JsonObject>> authors = users(authorIds, viewer, base, false);
    JsonObject statsRequest = new JsonObject().put("video_ids", new JsonArray(videoIds)).put("viewer_id", viewer);
    List<Future<JsonArray>> stats = VIDEO_STATS.stream().map(address -> stats(address, statsRequest)).toList();
    return Future.all(with(stats, authors)).map(done -> {
      Map<Long, JsonObject> authorById = new LinkedHashMap<>();
      authors.result().forEach(a -> authorById.put(a.getLong("id"), a));
      Map<Long, JsonObject> videos = new LinkedHashMap<>();
      for (JsonObject row : rows) {
        JsonObject video = new JsonObject()
            .put("id", row.getLong("id"))
            .put("author", authorById.getOrDefault(row.getLong("author_id"), userTemplate().put("id", row.getLong("author_id"))))
            .put("play_url", PublicUrl.absolute(base, row.getString("play_url")))
            .put("cover_url", PublicUrl.absolute(base, row.getString("cover_url")))
            .put("favorite_count", 0L)
            .put("comment_count", 0L)
            .put("is_favorite", false)
            .put("title", row.getString("title", ""));
        videos.put(video.getLong("id"), video);
      }
      stats.forEach(s -> merge(videos, s.result(), "video_id"));
      return rows.stream().map(r -> videos.get(r.getLong("id"))).toList();
    });
  }

  /**
   * A page of Videos composed for an anonymous viewer ({@code video_list}), made the viewer's own:
   * {@code is_favorite} and the like counts of the videos, {@code is_follow} and the follow counts
   * of their authors, fresh from the favorite and relation domains (two calls). The page itself is
   * not changed.
   */
  Future<JsonObject> personalize(JsonObject page, long viewer) {
    JsonObject own = page.copy();
    Map<Long, JsonObject> videos = new LinkedHashMap<>();
    Map<Long, List<JsonObject>> authors = new LinkedHashMap<>();
    for (Object item : own.getJsonArray("video_list")) {
      JsonObject video = (JsonObject) item;
      videos.put(video.getLong("id"), video);
      JsonObject author = video.getJsonObject("author");
      authors.computeIfAbsent(author.getLong("id"), id -> new ArrayList<>()).add(author);
    }
    if (videos.isEmpty()) {
      return Future.succeededFuture(own);
    }
    Future<JsonArray> likes = stats("favorite.videoStats",
        new JsonObject().put("video_ids", new JsonArray(new ArrayList<>(videos.keySet()))).put("viewer_id", viewer));
    Future<JsonArray> follows = stats("relation.userStats",
        new JsonObject().put("user_ids", new JsonArray(new ArrayList<>(authors.keySet()))).put("viewer_id", viewer));
    return Future.all(likes, follows).map(done -> {
      merge(videos, likes.result(), "video_id");
      for (int i = 0; i < follows.result().size(); i++) {
        JsonObject item = follows.result().getJsonObject(i);
        for (JsonObject author : authors.getOrDefault(item.getLong("user_id"), List.of())) {
          copyFields(item, author, "user_id");
        }
      }
      return own;
    });
  }

  /** Complete Videos for ids, in that order; ids that do not exist are left out. */
  Future<List<JsonObject>> videosByIds(List<Long> ids, long viewer, String base) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return bus.request("video.getMany", new JsonObject().put("ids", new JsonArray(ids))).compose(reply -> {
      Map<Long, JsonObject> rows = byId(reply.getJsonArray("videos"), "id");
      List<JsonObject> ordered = ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList();
      return videos(ordered, viewer, base);
    });
  }

  /** Profiles by id: from the cache, and from {@code user.getMany} for those it lacks. */
  private Future<Map<Long, JsonObject>> profiles(List<Long> ids) {
    Map<Long, JsonObject> found = profileCache.get(ids);
    List<Long> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(found);
    }
    return bus.request("user.getMany", new JsonObject().put("ids", new JsonArray(missing))).map(reply -> {
      Map<Long, JsonObject> fetched = byId(reply.getJsonArray("users"), "id");
      profileCache.putAll(fetched);
      found.putAll(fetched);
      return found;
    });
  }

  static JsonObject userTemplate() {
    return new JsonObject()
        .put("id", 0L).put("name", "")
        .put("follow_count", 0L).put("follower_count", 0L).put("is_follow", false)
        .put("avatar", "").put("background_image", "").put("signature", "")
        .put("total_favorited", 0L).put("work_count", 0L).put("favorite_count", 0L);
  }

  private Future<JsonArray> stats(String address, JsonObject request) {
    return bus.request(address, request)
        .map(reply -> reply.getJsonArray("stats", new JsonArray()))
        .otherwise(e -> {
          degradations.record(Addresses.domainOf(address), e);
          return new JsonArray();
        });
  }

  private static List<Future<?>> with(List<? extends Future<?>> futures, Future<?> another) {
    List<Future<?>> all = new ArrayList<>(futures);
    all.add(another);
    return all;
  }

  private static void merge(Map<Long, JsonObject> targets, JsonArray stats, String idField) {
    for (int i = 0; i < stats.size(); i++) {
      JsonObject item = stats.getJsonObject(i);
      JsonObject target = targets.get(item.getLong(idField));
      if (target != null) {
        copyFields(item, target, idField);
      }
    }
  }

  /** Puts every field of a stats item but its id into {@code target}. */
  private static void copyFields(JsonObject item, JsonObject target, String idField) {
    item.forEach(e -> {
      if (!e.getKey().equals(idField)) {
        target.put(e.getKey(), e.getValue());
      }
    });
  }

  private static Map<Long, JsonObject> byId(JsonArray items, String idField) {
    Map<Long, JsonObject> map = new LinkedHashMap<>();
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i);
        map.put(item.getLong(idField), item);
      }
    }
    return map;
  }

  private static void absolutize(JsonObject object, String base, String... fields) {
    for (String field : fields) {
      object.put(field, PublicUrl.absolute(base, object.getString(field)));
    }
  }
}
