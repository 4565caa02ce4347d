package verticles.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.bus.Domain;
import verticles.common.bus.DomainVerticle;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.common.db.Database;

import java.util.List;

/**
 * The user domain: accounts and profiles, and the operators' accounts ({@link OperatorAccounts}).
 * Registration and login answer the user id; the gateway issues the token (the bridges an operator's).
 * Passwords are bcrypt-hashed on worker threads.
 */
public final class UserVerticle extends DomainVerticle {
  static final String LOGIN_FAILED = "wrong username or password";

  private final Database db;
  private UserRepository users;
  private PasswordHasher hasher;
  private Future<String> dummyHash;
  private OperatorAccounts operators;

  public UserVerticle(Database db) {
    super(Domain.USER);
    this.db = db;
  }

  @Override
  protected Future<?> setUp(Config config) {
    users = new UserRepository(db);
    hasher = new PasswordHasher(vertx, config.integer(Setting.BCRYPT_COST));
    // Checked against when the username is unknown, so both failures cost the same time.
    dummyHash = hasher.hash("not-a-password-of-anyone");
    on(UserAddresses.REGISTER, this::register);
    on(UserAddresses.LOGIN, this::login);
    on(UserAddresses.GET, this::get);
    on(UserAddresses.GET_MANY, this::getMany);
    operators = new OperatorAccounts(db, hasher, dummyHash);
    on(UserAddresses.OPERATOR_LOGIN, body -> operators.login(body));
    return dummyHash;
  }

  private Future<JsonObject> register(JsonObject body) {
    Credentials credentials = Credentials.from(body);
    // The unique key decides; this pre-check only spares a bcrypt round for a name that is taken.
    return users.exists(credentials.username())
        .compose(taken -> taken
            ? Future.failedFuture(Failure.conflict("username '" + credentials.username() + "' is already taken"))
            : hasher.hash(credentials.password()))
        .compose(hash -> users.insert(credentials.username(), hash, System.currentTimeMillis()))
        .map(id -> new JsonObject().put("user_id", id));
  }

  private Future<JsonObject> login(JsonObject body) {
    if (isBlank(body.getValue("username")) || isBlank(body.getValue("password"))) {
      throw Failure.badRequest("username and password are required");
    }
    Credentials credentials;
    try {
      credentials = Credentials.from(body);
    } catch (Failure invalid) {
      // No account can have such a name or password; say no more than for a wrong password.
      return Future.failedFuture(Failure.unauthorized(LOGIN_FAILED));
    }
    return users.findLogin(credentials.username()).compose(found -> {
      Future<String> hash = found == null ? dummyHash : Future.succeededFuture(found.passwordHash());
      return hash.compose(h -> hasher.verify(credentials.password(), h)).compose(ok -> ok && found != null
          ? Future.succeededFuture(new JsonObject().put("user_id", found.id()))
          : Future.failedFuture(Failure.unauthorized(LOGIN_FAILED)));
    });
  }

  private static boolean isBlank(Object value) {
    return !(value instanceof String s) || s.isBlank();
  }

  private Future<JsonObject> get(JsonObject body) {
    long id = Fields.id(body, "id");
    return users.findMany(List.of(id)).compose(found -> found.isEmpty()
        ? Future.failedFuture(Failure.notFound("user " + id + " does not exist"))
        : Future.succeededFuture(new JsonObject().put("user", found.get(0).toJson())));
  }

  private Future<JsonObject> getMany(JsonObject body) {
    List<Long> ids = Fields.ids(body, "ids");
    return users.findMany(ids).map(found -> new JsonObject()
        .put("users", new JsonArray(found.stream().map(Profile::toJson).toList())));
  }
}
