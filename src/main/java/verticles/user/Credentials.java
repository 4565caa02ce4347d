package verticles.user;

import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.Text;

/** A username and password as the contract allows them: username 1–32 characters, password 6–32. */
record Credentials(String username, String password) {
  static final int USERNAME_MAX = 32;
  static final int PASSWORD_MIN = 6;
  static final int PASSWORD_MAX = 32;

  static Credentials from(JsonObject body) {
    String username = Text.require(Fields.optionalString(body, "username"), "username", USERNAME_MAX, false);
    String password = Fields.optionalString(body, "password");
    if (password == null || password.isEmpty()) {
      throw Failure.badRequest("password is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
      throw Failure.badRequest("password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters");
    }
    return new Credentials(username, password);
  }

  @Override
  public String toString() {
    return "Credentials[" + username + "]";
  }
}
