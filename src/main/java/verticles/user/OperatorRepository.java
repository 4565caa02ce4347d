package verticles.user;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import verticles.common.Failure;
import verticles.common.db.Database;

/** SQL for the operators table. */
final class OperatorRepository {
  /** An operator found by name: the password hash to check and the role. */
  record Login(String name, String passwordHash, OperatorRole role) {
  }

  private final Database db;

  OperatorRepository(Database db) {
    this.db = db;
  }

  /** Inserts an operator; a taken name (the unique key) is a 409. */
  Future<Long> insert(String name, String passwordHash, OperatorRole role, long now) {
    return db.insert("INSERT INTO operators (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
            Tuple.of(name, passwordHash, role.key(), now))
        .recover(e -> Future.failedFuture(Database.isDuplicateKey(e)
            ? Failure.conflict("operator '" + name + "' already exists") : e));
  }

  Future<Login> findLogin(String name) {
    return db.query("SELECT name, password_hash, role FROM operators WHERE name = ?", Tuple.of(name))
        .map(rows -> rows.size() == 0 ? null : toLogin(rows.iterator().next()));
  }

  private static Login toLogin(Row row) {
    return new Login(row.getString("name"), row.getString("password_hash"), OperatorRole.parse(row.getString("role")));
  }
}
