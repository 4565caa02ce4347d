package verticles.gateway;

import io.vertx.core.Future;
import verticles.ratelimit.RateLimits;

import java.util.function.Function;

/**
 * Puts the API's actions within the node's {@link RateLimits}: whom a request counts for (its
 * client address, {@link ClientAddress}; the user of its token) and which limit. An action
 * beyond its limit is not run.
 */
final class Throttle {
  private final Gateway gateway;

  Throttle(Gateway gateway) {
    this.gateway = gateway;
  }

  /** {@code action} within the read limit of the request's address. */
  <T> Function<ApiRequest, Future<T>> read(Function<ApiRequest, Future<T>> action) {
    return request -> gateway.limits().read(gateway.address(request)).compose(v -> action.apply(request));
  }

  /**
   * {@code action} within the write limit of the token's user. A request without a valid token is
   * not counted here: its action refuses it, or it is a register or a login, which count their own.
   */
  <T> Function<ApiRequest, Future<T>> write(Function<ApiRequest, Future<T>> action) {
    return request -> {
      String token = request.token();
      Future<Void> admitted = token == null || token.isBlank() ? Future.succeededFuture()
          : gateway.tokens().verify(token).transform(verified -> verified.succeeded()
              ? gateway.limits().write(verified.result()) : Future.succeededFuture());
      return admitted.compose(v -> action.apply(request));
    };
  }

  /** The caller of a publish's token ({@link Gateway#caller(String)}), within the upload limit of that user. */
  Future<Long> uploader(String token) {
    return gateway.caller(token).compose(id -> gateway.limits().upload(id).map(id));
  }
}
