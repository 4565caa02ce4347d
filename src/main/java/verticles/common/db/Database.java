package verticles.common.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.json.JsonObject;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Failure;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The SQL pool of a node, with the few places where MariaDB and H2 differ isolated here:
 * generated keys, duplicate-key and deadlock detection, and which failures mean "database down".
 * The SQL itself is the same for both.
 */
public final class Database {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final int DEADLOCK_RETRIES = 5;

  /**
   * Statements one MariaDB connection may have in flight for single-statement work. A few keep
   * most of pipelining's throughput without its head-of-line tail: bench/social.sh measured chat
   * polls (256 pollers) at p99 431 ms with 16, 108 ms with 4, 76 ms with 1 (and 20% fewer polls).
   */
  private static final int PIPELINING_LIMIT = 4;
  /** Connections of the {@link #background} pool: the relay's and each event consumer's. */
  private static final int BACKGROUND_POOL_SIZE = 4;

  private final DbTarget target;
  private final Pool pool;
  private final SqlClient statements;
  /** H2 transactions, one at a time (see {@link #once}); null for MariaDB. */
  private final SerialQueue h2Transactions;
  /** The pool of background work (see {@link #background}); this one itself on H2. */
  private final Database background;

  private Database(DbTarget target, Pool pool, SqlClient statements, SerialQueue h2Transactions, Database background) {
    this.target = target;
    this.pool = pool;
    this.statements = statements;
    this.h2Transactions = h2Transactions;
    this.background = background == null ? this : background;
  }

  public static Database connect(Vertx vertx, DbTarget target, int poolSize) {
    // A page fans out to a few statements per request: room for thousands of requests in flight.
    // Named for the pool metrics (vertx_pool_*{pool_name}).
    PoolOptions poolOptions = new PoolOptions().setMaxSize(poolSize).setMaxWaitQueueSize(poolSize * 256).setName("db");
    if (target.kind() == DbTarget.Kind.MYSQL) {
      MySQLConnectOptions connect = new MySQLConnectOptions()
          .setHost(target.host()).setPort(target.port()).setDatabase(target.database())
          .setUser(target.user()).setPassword(target.password())
          .setCharset("utf8mb4").setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(512);
      // Pipelined too: a transaction may send statements without waiting for the previous answer.
      Pool pool = MySQLBuilder.pool().with(poolOptions)
          .connectingTo(new MySQLConnectOptions(connect).setPipeliningLimit(PIPELINING_LIMIT)).using(vertx).build();
      // Single statements go through a pipelined client: several in flight per connection.
      SqlClient pipelined = MySQLBuilder.client().with(new PoolOptions(poolOptions).setName("db-pipelined"))
          .connectingTo(new MySQLConnectOptions(connect).setPipeliningLimit(PIPELINING_LIMIT)).using(vertx).build();
      Pool backgroundPool = MySQLBuilder.pool().with(new PoolOptions().setMaxSize(BACKGROUND_POOL_SIZE).setName("db-background"))
          .connectingTo(new MySQLConnectOptions(connect).setPipeliningLimit(PIPELINING_LIMIT)).using(vertx).build();
      Database background = new Database(target, backgroundPool, backgroundPool, null, null);
      return new Database(target, pool, pipelined, null, background);
    }
    Pool pool = JDBCPool.pool(vertx,
        new JDBCConnectOptions().setJdbcUrl(target.jdbcUrl()).setUser(target.user()).setPassword(target.password()),
        poolOptions);
    return new Database(target, pool, pool, new SerialQueue(vertx), null);
  }

  /**
   * The same database through a small pool of its own on MariaDB, for work that runs beside the
   * requests (the outbox relay and the event consumers): it never waits in the requests' queue for a
   * connection, and it takes at most {@value #BACKGROUND_POOL_SIZE} of the server's connections. On H2
   * it is this pool (H2 runs transactions one at a time anyway).
   */
  public Database background() {
    return background;
  }

  /** One statement outside a transaction. */
  public Future<RowSet<Row>> query(String sql, Tuple args) {
    return query(statements, sql, args);
  }

  public Future<RowSet<Row>> query(SqlClient client, String sql, Tuple args) {
    return client.preparedQuery(sql).execute(args).recover(Database::translate);
  }

  /** Runs an INSERT into a table with an AUTO_INCREMENT id and returns the new id. */
  public Future<Long> insert(SqlClient client, String sql, Tuple args) {
    return query(client, sql, args).map(this::generatedId);
  }

  public Future<Long> insert(String sql, Tuple args) {
    return insert(statements, sql, args);
  }

  /** Runs {@code work} in a transaction, retrying it when the database reports a deadlock. */
  public <T> Future<T> transaction(Function<SqlConnection, Future<T>> work) {
    return transaction(work, DEADLOCK_RETRIES);
  }

  private <T> Future<T> transaction(Function<SqlConnection, Future<T>> work, int retriesLeft) {
    return once(work).recover(e -> {
      if (retriesLeft > 0 && isDeadlock(e)) {
        log.debug("deadlock, retrying transaction ({} retries left)", retriesLeft);
        return transaction(work, retriesLeft - 1);
      }
      return translate(e);
    });
  }

  /**
   * One attempt of a transaction. On H2 the JDBC client (5.0.7) leaves the JDBC connection in
   * manual-commit mode after a commit or rollback, so a later plain write on that pooled connection
   * would stay uncommitted (invisible to other connections, and lost if the next transaction on it
   * rolls back); auto-commit is switched back on before the connection returns to the pool.
   *
   * <p>H2 transactions also run one at a time. The JDBC client runs the statements of one
   * verticle context one after another on a worker thread, so a statement that waits for a row
   * lock would hold up the commit of the very transaction that holds the lock, when that one was
   * started from the same context (or from another context that is itself held up that way):
   * both would wait until H2's lock timeout. One transaction at a time never waits for another's
   * locks. The embedded database is the single-node default; MariaDB runs transactions in parallel.
   */
  private <T> Future<T> once(Function<SqlConnection, Future<T>> work) {
    if (target.kind() == DbTarget.Kind.MYSQL) {
      return pool.withTransaction(work);
    }
    return h2Transactions.submit(() -> h2Transaction(work));
  }

  private <T> Future<T> h2Transaction(Function<SqlConnection, Future<T>> work) {
    return pool.withConnection(conn -> conn.begin().compose(tx -> {
      Future<T> result;
      try {
        result = work.apply(conn);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      Future<T> ended = result.compose(
          value -> tx.commit().map(value),
          failure -> tx.rollback().transform(rolledBack -> Future.<T>failedFuture(failure)));
      return ended.transform(outcome -> conn.query("SET AUTOCOMMIT TRUE").execute().transform(reset -> {
        if (reset.failed()) {
          log.warn("could not switch auto-commit back on: {}", reset.cause().toString());
        }
        return outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.<T>failedFuture(outcome.cause());
      }));
    }));
  }

  public Future<Void> close() {
    Future<Void> others = background == this ? Future.succeededFuture() : background.close();
    return Future.join(others, statements == pool ? pool.close() : Future.join(statements.close(), pool.close())).mapEmpty();
  }

  /**
   * Runs {@code selectIn + (?, ?, …)} with {@code ids} and answers each row as a JSON object of the
   * named integer {@code columns} (counters by id: {@code SELECT video_id, n FROM t WHERE video_id IN}).
   * No ids, no query.
   */
  public Future<List<JsonObject>> longsIn(String selectIn, List<Long> ids, String... columns) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return query(selectIn + " " + placeholders(ids.size()), tuple(ids)).map(rows -> {
      List<JsonObject> found = new ArrayList<>(rows.size());
      for (Row row : rows) {
        JsonObject object = new JsonObject();
        for (String column : columns) {
          object.put(column, row.getLong(column));
        }
        found.add(object);
      }
      return found;
    });
  }

  /**
   * {@code table} read through its primary key: for a look-up of one value of a two-column key's
   * first column and a list of the second ({@code user_id = ? AND video_id IN (…)}). Left to
   * itself, MariaDB reads such a look-up as a ref on the key's first column, every row of that
   * value (all 10,000 likes of a viewer to find the 30 of a page); through the key it reads the
   * list's points. (A row constructor, {@code (user_id, video_id) IN ((?, ?), …)}, reads only the
   * points too, but MariaDB plans it prepared in time quadratic in the list: 2 ms for 30 pairs,
   * 110 ms for 300.) H2 plans it well without a hint.
   */
  public String byPrimaryKey(String table) {
    return target.kind() == DbTarget.Kind.MYSQL ? table + " FORCE INDEX (PRIMARY)" : table;
  }

  /** {@code (?, ?, ?)} for an IN list of {@code n} values (n must be at least 1). */
  public static String placeholders(int n) {
    return "(" + "?, ".repeat(Math.max(0, n - 1)) + "?)";
  }

  /** {@code (?, ?), (?, ?)} for a multi-row VALUES of {@code rows} rows of {@code columns} (both at least 1). */
  public static String values(int rows, int columns) {
    return String.join(", ", Collections.nCopies(rows, placeholders(columns)));
  }

  public static Tuple tuple(Collection<?> values) {
    Tuple tuple = Tuple.tuple();
    values.forEach(tuple::addValue);
    return tuple;
  }

  public static boolean isDuplicateKey(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof MySQLException m) {
      return m.getErrorCode() == 1062;
    }
    return t instanceof SQLIntegrityConstraintViolationException s
        && ("23505".equals(s.getSQLState()) || "23000".equals(s.getSQLState()));
  }

  static boolean isDeadlock(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof MySQLException m) {
      return m.getErrorCode() == 1213 || m.getErrorCode() == 1205;
    }
    return t instanceof SQLTransactionRollbackException
        || (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "HYT00".equals(s.getSQLState())));
  }

  private long generatedId(RowSet<Row> rows) {
    if (target.kind() == DbTarget.Kind.MYSQL) {
      return rows.property(MySQLClient.LAST_INSERTED_ID);
    }
    return rows.property(JDBCPool.GENERATED_KEYS).getLong(0);
  }

  /**
   * Keeps SQL errors that callers handle (duplicate keys, deadlocks) as they are and turns
   * connection failures into a 503, so that "the database is down" reaches the client as such.
   */
  private static <T> Future<T> translate(Throwable e) {
    if (e instanceof Failure || isDuplicateKey(e) || isDeadlock(e)) {
      return Future.failedFuture(e);
    }
    Throwable t = unwrap(e);
    if (t instanceof MySQLException || t instanceof SQLIntegrityConstraintViolationException) {
      return Future.failedFuture(e);
    }
    if (e.getClass().getSimpleName().equals("ConnectionPoolTooBusyException")) {
      // Overload: more statements waiting for a connection than the pool queues. Shed, quietly.
      return Future.failedFuture(Failure.unavailable("the server is busy, try again shortly"));
    }
    if (isConnectionProblem(e)) {
      log.warn("database unavailable: {}", e.toString());
      return Future.failedFuture(Failure.unavailable("the database is unavailable, try again later"));
    }
    return Future.failedFuture(e);
  }

  private static boolean isConnectionProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (t instanceof ConnectException || t instanceof ClosedChannelException
          || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || name.endsWith("ClosedConnectionException") || name.endsWith("ConnectTimeoutException")
          || (t instanceof VertxException && String.valueOf(t.getMessage()).contains("Connection"))
          || (String.valueOf(t.getMessage()).contains("Timeout waiting for connection"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && !(t instanceof SQLException) && !(t instanceof MySQLException)) {
      t = t.getCause();
    }
    return t;
  }
}
