package verticles.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import verticles.common.JwtShape;
import verticles.user.OperatorRole;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Operators' tokens: HS256 JWTs whose payload is exactly the operator's name ({@code op}), role
 * ({@code role}) and expiry ({@code exp}, whole seconds), signed with a key of their own derived
 * from the token secret. An app user's token (its claims are {@code sub} and {@code exp}, its key
 * the secret itself) is never an operator's, and an operator's never an app user's: each is refused
 * for its shape before its signature is checked, and the signatures differ.
 */
final class OperatorTokens {
  /** Prefixed to the token secret: the operators' key, which no app token is signed with. */
  private static final String KEY_PREFIX = "vertok-operator-token:";
  private static final Set<String> CLAIMS = Set.of("op", "role", "exp");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** A signed-in operator, from a valid token. */
  record Operator(String name, OperatorRole role) {
  }

  private final JWTAuth jwt;
  private final int ttlMinutes;

  OperatorTokens(Vertx vertx, String secret, int ttlMinutes) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(KEY_PREFIX + secret))
        .setJWTOptions(new JWTOptions().setAlgorithm("HS256")));
    this.ttlMinutes = ttlMinutes;
  }

  int ttlMinutes() {
    return ttlMinutes;
  }

  /** A token for {@code operator}, valid for the configured minutes. */
  String issue(Operator operator) {
    return issue(operator, System.currentTimeMillis() / 1000 + ttlMinutes * 60L);
  }

  /** A token for {@code operator} that expires at {@code expiresAt} (epoch seconds). */
  String issue(Operator operator, long expiresAt) {
    return jwt.generateToken(new JsonObject().put("op", operator.name()).put("role", operator.role().key())
        .put("exp", expiresAt), new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
  }

  /** The operator of a valid token; fails (with the reason to log) for a missing, malformed, forged or expired one. */
  Future<Operator> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture("no operator token");
    }
    Operator claimed = claimed(token.trim());
    if (claimed == null) {
      return Future.failedFuture("not an operator token");
    }
    Future<?> verified;
    try {
      verified = jwt.authenticate(new TokenCredentials(token.trim()));
    } catch (RuntimeException e) {
      verified = Future.failedFuture(e);
    }
    return verified.transform(checked -> checked.succeeded()
        ? Future.succeededFuture(claimed)
        : Future.failedFuture("operator token invalid or expired"));
  }

  /** The operator a token shaped as {@link #issue} makes them names (signature unchecked), else null. */
  private static Operator claimed(String token) {
    JsonObject claims = JwtShape.claims(token, CLAIMS);
    if (claims == null || !(claims.getValue("op") instanceof String name) || !NAME.matcher(name).matches()
        || !(claims.getValue("role") instanceof String role)) {
      return null;
    }
    try {
      return new Operator(name, OperatorRole.parse(role));
    } catch (RuntimeException unknownRole) {
      return null;
    }
  }
}
