package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import verticles.common.Failure;

/**
 * Issues and checks the API's tokens: HS256 JWTs whose payload is only the user id ({@code sub})
 * and the expiry ({@code exp}).
 */
final class Tokens {
  static final String INVALID = "token is invalid or expired, log in again";

  private final JWTAuth jwt;
  private final int ttlMinutes;

  Tokens(Vertx vertx, String secret, int ttlMinutes) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setAlgorithm("HS256")));
    this.ttlMinutes = ttlMinutes;
  }

  String issue(long userId) {
    return jwt.generateToken(new JsonObject(), new JWTOptions()
        .setAlgorithm("HS256")
        .setSubject(Long.toString(userId))
        .setExpiresInMinutes(ttlMinutes)
        .setNoTimestamp(true));
  }

  /** The user id in a valid token; a 401 for a missing, malformed, forged or expired one. */
  Future<Long> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(Failure.unauthorized("token is required, log in first"));
    }
    if (token.length() > 4096) {
      return Future.failedFuture(Failure.unauthorized(INVALID));
    }
    return jwt.authenticate(new TokenCredentials(token.trim()))
        .recover(e -> Future.failedFuture(Failure.unauthorized(INVALID)))
        .compose(user -> {
          // vertx-auth-jwt keeps the verified claims in the user's attributes.
          String sub = user.subject();
          if (sub == null || !(user.attributes().getValue("exp") instanceof Number) || !sub.matches("\\d{1,18}")) {
            return Future.failedFuture(Failure.unauthorized(INVALID));
          }
          return Future.succeededFuture(Long.parseLong(sub));
        });
  }

  /** The user id of an optional token: 0 when absent or not valid (reads where the token only personalises). */
  Future<Long> viewer(String token) {
    if (token == null || token.isBlank()) {
      return Future.succeededFuture(0L);
    }
    return verify(token).otherwise(0L);
  }
}
