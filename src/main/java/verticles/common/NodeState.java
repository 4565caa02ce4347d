package verticles.common;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import verticles.common.db.Database;

/**
 * What this node's readiness depends on beyond the domains' answers: whether every verticle it
 * runs is deployed, whether it is draining (stopping after a SIGTERM: no new work wanted), and
 * whether its database (when it runs domains) answers.
 */
public final class NodeState {
  private final Database database;
  private volatile boolean started;
  private volatile boolean draining;
  private volatile boolean wasReady;

  public NodeState(Database database) {
    this.database = database;
  }

  /** Every verticle of the node is deployed. */
  public void started() {
    started = true;
  }

  /** The node is stopping: readiness answers 503 from now on. */
  public void drain() {
    draining = true;
  }

  /** The node answered its readiness probe with 200 (it stays "was ready" until it stops). */
  public void ready() {
    wasReady = true;
  }

  /** Whether the node was ready once since it started. */
  public boolean wasReady() {
    return wasReady;
  }

  /** Whether the node is stopping (after {@link #drain}). */
  public boolean draining() {
    return draining;
  }

  /** Null when the node is ready as far as it alone knows, else why not. */
  public Future<String> notReadyBecause() {
    if (draining) {
      return Future.succeededFuture("the node is shutting down");
    }
    if (!started) {
      return Future.succeededFuture("the node is starting");
    }
    if (database == null) {
      return Future.succeededFuture(null);
    }
    return database.query("SELECT 1", Tuple.tuple()).map(rows -> (String) null)
        .otherwise(e -> "the database does not answer: " + e.getMessage());
  }
}
