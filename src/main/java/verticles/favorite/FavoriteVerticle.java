package verticles.favorite;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Fields;
import verticles.common.PageRequest;
import verticles.common.bus.Domain;
import verticles.common.bus.DomainVerticle;
import verticles.common.config.Config;
import verticles.common.db.Database;
import verticles.video.VideoAuthors;

/**
 * The favorite domain: likes, the favorite list, and the like counters of videos (favorite_count)
 * and users (favorite_count given, total_favorited received). Like and unlike are idempotent and
 * need an existing video; the video's author (who receives the like) comes from the video domain.
 */
public final class FavoriteVerticle extends DomainVerticle {
  private final Database db;
  private final VideoAuthors authors;
  private FavoriteRepository favorites;

  public FavoriteVerticle(Database db, VideoAuthors authors) {
    super(Domain.FAVORITE);
    this.db = db;
    this.authors = authors;
  }

  @Override
  protected Future<?> setUp(Config config) {
    return counterCache(config, db).onSuccess(counters -> {
      favorites = new FavoriteRepository(db, counters);
      on(FavoriteAddresses.LIKE, this::like);
      on(FavoriteAddresses.UNLIKE, this::unlike);
      on(FavoriteAddresses.LIST_BY_USER, this::listByUser);
      on(FavoriteAddresses.VIDEO_STATS, this::videoStats);
      on(FavoriteAddresses.USER_STATS, this::userStats);
    });
  }

  private Future<JsonObject> like(JsonObject body) {
    long userId = Fields.id(body, "user_id");
    long videoId = Fields.id(body, "video_id");
    return authors.of(videoId)
        .compose(author -> favorites.like(userId, videoId, author, System.currentTimeMillis()))
        .map(changed -> new JsonObject());
  }

  private Future<JsonObject> unlike(JsonObject body) {
    long userId = Fields.id(body, "user_id");
    long videoId = Fields.id(body, "video_id");
    return authors.of(videoId)
        .compose(author -> favorites.unlike(userId, videoId, author))
        .map(changed -> new JsonObject());
  }

  private Future<JsonObject> listByUser(JsonObject body) {
    return favorites.videosLikedBy(Fields.id(body, "user_id"), PageRequest.of(body))
        .map(page -> page.into(new JsonObject(), "video_ids", id -> id));
  }

  private Future<JsonObject> videoStats(JsonObject body) {
    return favorites.videoStats(Fields.ids(body, "video_ids"), Fields.optionalId(body, "viewer_id"))
        .map(stats -> new JsonObject().put("stats", new JsonArray(stats)));
  }

  private Future<JsonObject> userStats(JsonObject body) {
    return favorites.userStats(Fields.ids(body, "user_ids"))
        .map(stats -> new JsonObject().put("stats", new JsonArray(stats)));
  }
}
