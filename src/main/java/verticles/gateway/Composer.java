package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import verticles.comment.CommentClient;
import verticles.common.Failure;
import verticles.common.bus.Domain;
import verticles.favorite.FavoriteClient;
import verticles.favorite.FavoriteClient.UserLikes;
import verticles.favorite.FavoriteClient.VideoLikes;
import verticles.relation.RelationClient;
import verticles.relation.RelationClient.Follows;
import verticles.user.Profile;
import verticles.user.UserClient;
import verticles.video.VideoClient;
import verticles.video.VideoRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the API's User and Video objects ({@link ApiObjects}) out of several domains with batch
 * calls: a page costs one call per domain, all in parallel, whatever its length.
 *
 * <p>A domain that only adds fields (stats) and fails leaves them at their zero values (a degraded
 * read, counted in {@link Degradations} and named in the read's {@link MissingFields}); only the domain that owns the objects themselves (user
 * for users, video for videos) makes a read fail.
 */
final class Composer {
  /** Profiles kept per node: enough for every active user of a large deployment. */
  private static final int PROFILE_CACHE_SIZE = 100_000;

  private final UserClient users;
  private final VideoClient videos;
  private final FavoriteClient favorites;
  private final CommentClient comments;
  private final RelationClient relations;
  private final Degradations degradations;
  private final ProfileCache profileCache = new ProfileCache(PROFILE_CACHE_SIZE);

  Composer(UserClient users, VideoClient videos, FavoriteClient favorites, CommentClient comments,
           RelationClient relations, Degradations degradations) {
    this.users = users;
    this.videos = videos;
    this.favorites = favorites;
    this.comments = comments;
    this.relations = relations;
    this.degradations = degradations;
  }

  /** One complete User; a 404 when it does not exist. */
  Future<JsonObject> user(long id, long viewer, String base, MissingFields missing) {
    return users(List.of(id), viewer, base, true, missing).compose(found -> found.isEmpty()
        ? Future.failedFuture(Failure.notFound("user " + id + " does not exist"))
        : Future.succeededFuture(found.get(0)));
  }

  /**
   * Complete Users for {@code ids}, in that order; ids that do not exist are left out.
   *
   * @param strict whether a failing user domain fails the read (else authors degrade to bare ids)
   */
  Future<List<JsonObject>> users(List<Long> ids, long viewer, String base, boolean strict, MissingFields missing) {
    List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    if (distinct.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Future<Map<Long, Profile>> profiles = profiles(distinct).recover(e -> {
      if (strict) {
        return Future.failedFuture(e);
      }
      degradations.record(Domain.USER, e, missing);
      Map<Long, Profile> bare = new LinkedHashMap<>();
      distinct.forEach(id -> bare.put(id, Profile.withoutUserDomain(id)));
      return Future.succeededFuture(bare);
    });
    Future<Map<Long, Follows>> follows = degraded(Domain.RELATION, missing, relations.userStats(distinct, viewer));
    Future<Map<Long, UserLikes>> likes = degraded(Domain.FAVORITE, missing, favorites.userStats(distinct));
    Future<Map<Long, Long>> works = degraded(Domain.VIDEO, missing, videos.workCounts(distinct));
    return Future.all(profiles, follows, likes, works).map(done -> {
      Map<Long, JsonObject> byId = new HashMap<>();
      profiles.result().forEach((id, profile) -> byId.put(id, ApiObjects.user(profile,
          follows.result().getOrDefault(id, Follows.NONE), likes.result().getOrDefault(id, UserLikes.NONE),
          works.result().getOrDefault(id, 0L), base)));
      List<JsonObject> ordered = new ArrayList<>();
      for (Long id : ids) {
        JsonObject user = byId.get(id);
        if (user != null) {
          ordered.add(user);
        }
      }
      return ordered;
    });
  }

  /** Complete Videos from video rows, in the same order. */
  Future<List<JsonObject>> videos(List<VideoRow> rows, long viewer, String base, MissingFields missing) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Long> videoIds = rows.stream().map(VideoRow::id).toList();
    Future<List<JsonObject>> authors = users(rows.stream().map(VideoRow::authorId).toList(), viewer, base, false, missing);
    Future<Map<Long, VideoLikes>> likes = degraded(Domain.FAVORITE, missing, favorites.videoStats(videoIds, viewer));
    Future<Map<Long, Long>> commentCounts = degraded(Domain.COMMENT, missing, comments.commentCounts(videoIds));
    return Future.all(authors, likes, commentCounts).map(done -> {
      Map<Long, JsonObject> authorById = new HashMap<>();
      authors.result().forEach(a -> authorById.put(a.getLong("id"), a));
      return rows.stream().map(row -> {
        JsonObject author = authorById.get(row.authorId());
        return ApiObjects.video(row, author != null ? author : ApiObjects.unknownUser(row.authorId()),
            likes.result().getOrDefault(row.id(), VideoLikes.NONE), commentCounts.result().getOrDefault(row.id(), 0L), base);
      }).toList();
    });
  }

  /**
   * A page of Videos composed for an anonymous viewer, made the viewer's own: {@code is_favorite}
   * and the like counts of the videos, {@code is_follow} and the follow counts of their authors,
   * fresh from the favorite and relation domains (two calls), written between the page's encoded
   * pieces. The page itself is not changed.
   */
  Future<Buffer> personalize(EncodedPage page, long viewer, MissingFields missing) {
    if (page.videoIds().isEmpty()) {
      return Future.succeededFuture(page.anonymous());
    }
    return own(page.videoIds(), page.authorIds(), viewer, missing).map(own -> {
      Buffer personal = page.personalized(own.likes(), own.follows());
      // A domain that did not answer: the page says what it misses (a rare path, encoded again).
      return missing.isEmpty() ? personal : missing.mark(personal.toJsonObject()).toBuffer();
    });
  }

  /** A viewer's own fields of a page: the videos' likes (with {@code is_favorite}) and the authors' follows (with {@code is_follow}). */
  record Own(Map<Long, VideoLikes> likes, Map<Long, Follows> follows) {
    boolean likes(long videoId) {
      return likes.getOrDefault(videoId, VideoLikes.NONE).isFavorite();
    }
  }

  /** The viewer's own fields of {@code videoIds} and {@code authorIds}: two calls, in parallel; a failing one degrades the read. */
  Future<Own> own(Collection<Long> videoIds, Collection<Long> authorIds, long viewer, MissingFields missing) {
    if (videoIds.isEmpty()) {
      return Future.succeededFuture(new Own(Map.of(), Map.of()));
    }
    Future<Map<Long, VideoLikes>> likes = degraded(Domain.FAVORITE, missing, favorites.videoStats(videoIds, viewer));
    Future<Map<Long, Follows>> follows = degraded(Domain.RELATION, missing, relations.userStats(authorIds, viewer));
    return Future.all(likes, follows).map(done -> new Own(likes.result(), follows.result()));
  }

  /** Complete Videos for ids, in that order; ids that do not exist are left out. */
  Future<List<JsonObject>> videosByIds(List<Long> ids, long viewer, String base, MissingFields missing) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return videos.videos(ids).compose(found -> {
      Map<Long, VideoRow> byId = new HashMap<>();
      found.forEach(row -> byId.put(row.id(), row));
      return videos(ids.stream().map(byId::get).filter(Objects::nonNull).toList(), viewer, base, missing);
    });
  }

  /** Whether user {@code id} exists: from the profile cache, else the user domain (which fills the cache). */
  Future<Boolean> exists(long id) {
    return profiles(List.of(id)).map(found -> found.containsKey(id));
  }

  /** Profiles by id: from the cache, and from the user domain for those it lacks. */
  private Future<Map<Long, Profile>> profiles(List<Long> ids) {
    Map<Long, Profile> found = profileCache.get(ids);
    List<Long> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(found);
    }
    return users.profiles(missing).map(fetched -> {
      profileCache.putAll(fetched);
      fetched.forEach(profile -> found.put(profile.id(), profile));
      return found;
    });
  }

  /** A stats call whose failure degrades the read: no entries (zero values), counted against {@code domain}. */
  private <T> Future<Map<Long, T>> degraded(Domain domain, MissingFields missing, Future<Map<Long, T>> stats) {
    return stats.otherwise(e -> {
      degradations.record(domain, e, missing);
      return Map.of();
    });
  }
}
