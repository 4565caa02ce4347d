package verticles.user;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.db.Database;

import java.util.regex.Pattern;

/**
 * Operator accounts: made on the command line ({@link #add}), checked by {@code user.operatorLogin}.
 * Passwords are bcrypt-hashed like the app users' ({@link PasswordHasher}); an unknown name costs
 * the same hash check as a wrong password and is answered alike.
 */
public final class OperatorAccounts {
  static final String LOGIN_FAILED = "wrong operator name or password";
  /** Lower-case letters, digits, dot, dash and underscore; 1–64 characters, starting with a letter or digit. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final int PASSWORD_MIN = 12;
  static final int PASSWORD_MAX = 128;

  private final OperatorRepository operators;
  private final PasswordHasher hasher;
  private final Future<String> dummyHash;

  OperatorAccounts(Database db, PasswordHasher hasher, Future<String> dummyHash) {
    this.operators = new OperatorRepository(db);
    this.hasher = hasher;
    this.dummyHash = dummyHash;
  }

  /** Records a new operator (for {@code vertok operator add}); 400 for a bad name or password, 409 for a taken name. */
  public static Future<Long> add(Vertx vertx, Database db, int bcryptCost, String name, OperatorRole role, String password) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Future.failedFuture(Failure.badRequest("operator name must be 1 to 64 of a-z, 0-9, '.', '-', '_', "
          + "starting with a letter or digit"));
    }
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
      return Future.failedFuture(Failure.badRequest("operator password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX
          + " characters"));
    }
    PasswordHasher hasher = new PasswordHasher(vertx, bcryptCost);
    return hasher.hash(password)
        .compose(hash -> new OperatorRepository(db).insert(name, hash, role, System.currentTimeMillis()));
  }

  /** {@code {name, password}} to {@code {name, role}}; 401 for a wrong name or password (the same text for both). */
  Future<JsonObject> login(JsonObject body) {
    String name = Fields.optionalString(body, "name");
    String password = Fields.optionalString(body, "password");
    if (name == null || password == null || name.length() > 64 || password.length() > PASSWORD_MAX * 2) {
      return Future.failedFuture(Failure.unauthorized(LOGIN_FAILED));
    }
    return operators.findLogin(name).compose(found -> {
      Future<String> hash = found == null ? dummyHash : Future.succeededFuture(found.passwordHash());
      return hash.compose(h -> hasher.verify(password, h)).compose(ok -> ok && found != null
          ? Future.succeededFuture(new JsonObject().put("name", found.name()).put("role", found.role().key()))
          : Future.failedFuture(Failure.unauthorized(LOGIN_FAILED)));
    });
  }
}
