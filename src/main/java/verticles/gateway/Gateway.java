package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import verticles.common.PageRequest;
import verticles.comment.CommentClient;
import verticles.common.Failure;
import verticles.common.bus.BusClient;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.favorite.FavoriteClient;
import verticles.media.MediaClient;
import verticles.message.MessageClient;
import verticles.observability.AccessLog;
import verticles.observability.NodeMetrics;
import verticles.ratelimit.RateLimits;
import verticles.relation.RelationClient;
import verticles.user.UserClient;
import verticles.video.VideoClient;

import java.util.Collection;
import java.util.function.Function;

/**
 * What every route group of the gateway needs: the configuration, tokens, the composer, the
 * degradation counts, the limits of the long lists, a typed client per domain (all on the node's
 * one {@link BusClient}), the node's metrics, its rate limits and whom they count for.
 */
record Gateway(Config config, Tokens tokens, PublicUrl publicUrl, Composer composer, Degradations degradations,
               ReadLimits readLimits, BusClient bus,
               UserClient users, VideoClient videos, FavoriteClient favorites, CommentClient comments,
               RelationClient relations, MessageClient messages, MediaClient media, NodeMetrics metrics,
               RateLimits limits, ClientAddress clientAddress) {

  /** The gateway of a node: every client on {@code bus}. */
  static Gateway of(Vertx vertx, Config config, Tokens tokens, BusClient bus, NodeMetrics metrics) {
    UserClient users = new UserClient(bus);
    VideoClient videos = new VideoClient(bus);
    FavoriteClient favorites = new FavoriteClient(bus);
    CommentClient comments = new CommentClient(bus);
    RelationClient relations = new RelationClient(bus);
    Degradations degradations = new Degradations(metrics);
    Composer composer = new Composer(users, videos, favorites, comments, relations, degradations);
    return new Gateway(config, tokens, PublicUrl.of(config), composer, degradations, new ReadLimits(vertx, config, metrics),
        bus, users, videos, favorites, comments, relations,
        new MessageClient(bus), new MediaClient(bus, config.integer(Setting.MEDIA_WORKERS)), metrics,
        RateLimits.of(vertx, config), ClientAddress.of(config));
  }

  /** The address {@code request}'s rate limits count for ({@link ClientAddress}). */
  String address(ApiRequest request) {
    return clientAddress.of(request.context().request());
  }

  /** The base of public URLs for this request ({@link PublicUrl}). */
  String base(ApiRequest request) {
    return publicUrl.base(request.context());
  }

  /**
   * A page of {@code endpoint}'s long list, read within that list's limit ({@link ReadLimits}):
   * {@code read} gets the page asked for ({@link ApiRequest#page}, capped at
   * {@code list_default_cap}).
   */
  <T> Future<T> listPage(String endpoint, ApiRequest request, Function<PageRequest, Future<T>> read) {
    PageRequest page = request.page(config.integer(Setting.LIST_DEFAULT_CAP));
    return readLimits.run(endpoint, page, () -> read.apply(page));
  }

  /**
   * The caller's id from the optional token (reads it only personalises): 0 when there is none or
   * {@link #caller} would refuse it.
   */
  Future<Long> viewer(ApiRequest request) {
    String token = request.token();
    return token == null || token.isBlank() ? Future.succeededFuture(0L) : caller(request).otherwise(0L);
  }

  /**
   * For a user's list: succeeds when the list has items (they prove the user exists) or the user
   * exists, else fails with a 404, so that an unknown user is not mistaken for an empty list.
   */
  Future<Void> requireOwner(Collection<?> list, long userId) {
    if (!list.isEmpty()) {
      return Future.succeededFuture();
    }
    return users.profile(userId).mapEmpty();
  }

  /**
   * The caller's id from a required token: a 401 failure without a valid one, or when the token's
   * user does not exist (a cached profile proves it does, for good: users are never deleted).
   */
  Future<Long> caller(ApiRequest request) {
    return caller(request.token()).onSuccess(id -> AccessLog.user(request.context(), id));
  }

  /** {@link #caller(ApiRequest)} for a token read elsewhere (a publish body's first bytes). */
  Future<Long> caller(String token) {
    return tokens.verify(token).compose(id -> composer.exists(id).compose(exists -> exists
        ? Future.succeededFuture(id)
        : Future.failedFuture(Failure.unauthorized(Tokens.INVALID))));
  }
}
