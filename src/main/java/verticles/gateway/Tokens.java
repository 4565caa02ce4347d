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
import verticles.common.JwtShape;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Issues and checks the API's tokens: HS256 JWTs with the header {@code {"typ":"JWT","alg":"HS256"}}
 * and a payload of exactly the user id ({@code sub}, a decimal string) and the expiry
 * ({@code exp}, whole seconds). Any other token, however well signed, is invalid: its claims
 * are checked for that exact shape before the signature is.
 */
final class Tokens {
  static final String INVALID = "token is invalid or expired, log in again";
  private static final Set<String> CLAIMS = Set.of("sub", "exp");
  private static final Pattern USER_ID = Pattern.compile("[1-9][0-9]{0,17}");

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

  /**
   * The user id in a token of the gateway's own, signed and not expired; a 401 for a missing,
   * malformed, forged, expired or differently shaped one. (It does not say the user exists.)
   */
  Future<Long> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(Failure.unauthorized("token is required, log in first"));
    }
    String trimmed = token.trim();
    long userId = issuedUserId(trimmed);
    if (userId == 0) {
      return Future.failedFuture(Failure.unauthorized(INVALID));
    }
    Future<?> verified;
    try {
      verified = jwt.authenticate(new TokenCredentials(trimmed));
    } catch (RuntimeException e) {
      verified = Future.failedFuture(e);
    }
    return verified.transform(checked -> checked.succeeded()
        ? Future.succeededFuture(userId)
        : Future.failedFuture(Failure.unauthorized(INVALID)));
  }

  /** The {@code sub} of a token shaped exactly as {@link #issue} makes them (signature unchecked), else 0. */
  private static long issuedUserId(String token) {
    JsonObject claims = JwtShape.claims(token, CLAIMS);
    if (claims == null || !(claims.getValue("sub") instanceof String sub) || !USER_ID.matcher(sub).matches()) {
      return 0;
    }
    return Long.parseLong(sub);
  }
}
