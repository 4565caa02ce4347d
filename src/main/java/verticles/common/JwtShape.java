package verticles.common;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The shape check every token of Vertok passes before its signature is checked: three parts, the
 * header exactly {@code {"typ":"JWT","alg":"HS256"}}, the claims exactly the names a kind of
 * token has, with a whole-number {@code exp}. A token of another kind, however well signed, fails it.
 */
public final class JwtShape {
  public static final int MAX_LENGTH = 4096;
  private static final Set<String> HEADER = Set.of("typ", "alg");

  private JwtShape() {
  }

  /** The claims of {@code token} when it is shaped so and they are exactly {@code names}, else null. */
  public static JsonObject claims(String token, Set<String> names) {
    if (token.length() > MAX_LENGTH) {
      return null;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    JsonObject header = json(parts[0]);
    JsonObject claims = json(parts[1]);
    if (header == null || claims == null || !header.fieldNames().equals(HEADER) || !claims.fieldNames().equals(names)
        || !"JWT".equals(header.getValue("typ")) || !"HS256".equals(header.getValue("alg"))
        || !(claims.getValue("exp") instanceof Integer || claims.getValue("exp") instanceof Long)) {
      return null;
    }
    return claims;
  }

  private static JsonObject json(String base64url) {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return null;
    }
  }
}
