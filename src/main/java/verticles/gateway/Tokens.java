package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import verticles.common.Failure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
  private static final int MAX_LENGTH = 4096;
  private static final Set<String> HEADER = Set.of("typ", "alg");
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
    long userId = trimmed.length() > MAX_LENGTH ? 0 : issuedUserId(trimmed);
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
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return 0;
    }
    JsonObject header = json(parts[0]);
    JsonObject claims = json(parts[1]);
    if (header == null || claims == null || !header.fieldNames().equals(HEADER) || !claims.fieldNames().equals(CLAIMS)
        || !"JWT".equals(header.getValue("typ")) || !"HS256".equals(header.getValue("alg"))
        || !(claims.getValue("exp") instanceof Integer || claims.getValue("exp") instanceof Long)
        || !(claims.getValue("sub") instanceof String sub) || !USER_ID.matcher(sub).matches()) {
      return 0;
    }
    return Long.parseLong(sub);
  }

  private static JsonObject json(String base64url) {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return null;
    }
  }
}
