package verticles.user;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import verticles.common.Failure;
import verticles.common.db.Database;

import java.util.ArrayList;
import java.util.List;

/** SQL for the users table. */
final class UserRepository {
  /** The password hash of a user found by name. */
  record Login(long id, String passwordHash) {
  }

  private final Database db;

  UserRepository(Database db) {
    this.db = db;
  }

  /** Inserts a user; a taken username (the unique key) is a 409. */
  Future<Long> insert(String username, String passwordHash, long now) {
    return db.insert("INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?)",
            Tuple.of(username, passwordHash, now))
        .recover(e -> Future.failedFuture(Database.isDuplicateKey(e)
            ? Failure.conflict("username '" + username + "' is already taken") : e));
  }

  Future<Boolean> exists(String username) {
    return db.query("SELECT 1 FROM users WHERE username = ?", Tuple.of(username)).map(rows -> rows.size() > 0);
  }

  Future<Login> findLogin(String username) {
    return db.query("SELECT id, password_hash FROM users WHERE username = ?", Tuple.of(username))
        .map(rows -> rows.size() == 0 ? null : toLogin(rows.iterator().next()));
  }

  /** The profiles of the given ids that exist, in no particular order. */
  Future<List<Profile>> findMany(List<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String sql = "SELECT id, username, avatar, background_image, signature FROM users WHERE id IN "
        + Database.placeholders(ids.size());
    return db.query(sql, Database.tuple(ids)).map(rows -> {
      List<Profile> users = new ArrayList<>();
      rows.forEach(row -> users.add(Profiles.of(row)));
      return users;
    });
  }

  private static Login toLogin(Row row) {
    return new Login(row.getLong("id"), row.getString("password_hash"));
  }
}
