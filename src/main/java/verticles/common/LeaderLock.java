package verticles.common;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;

/**
 * A cluster-wide lock that makes one node in the cluster the only one doing a job (relaying the
 * outbox, relaying rendition jobs): it is asked for until it is held, again every second while
 * another node holds it, so a node takes over when the holder goes; {@code onTaken} runs once it
 * is held. {@link #release} gives it up and stops asking.
 */
public final class LeaderLock {
  private static final long WAIT_MS = 5000;
  private static final long RETRY_MS = 1000;

  private final Vertx vertx;
  private final String name;
  private final Runnable onTaken;
  private volatile Lock lock;
  private volatile boolean released;

  private LeaderLock(Vertx vertx, String name, Runnable onTaken) {
    this.vertx = vertx;
    this.name = name;
    this.onTaken = onTaken;
  }

  /** Starts asking for the lock {@code name}; {@code onTaken} runs on the caller's context once it is held. */
  public static LeaderLock take(Vertx vertx, String name, Runnable onTaken) {
    LeaderLock leader = new LeaderLock(vertx, name, onTaken);
    leader.ask();
    return leader;
  }

  /** Whether this node holds the lock. */
  public boolean held() {
    return lock != null;
  }

  /** Gives the lock up (if held) and stops asking for it. */
  public void release() {
    released = true;
    Lock held = lock;
    lock = null;
    if (held != null) {
      held.release();
    }
  }

  private void ask() {
    vertx.sharedData().getLockWithTimeout(name, WAIT_MS).onComplete(taken -> {
      if (released) {
        if (taken.succeeded()) {
          taken.result().release();
        }
      } else if (taken.succeeded()) {
        lock = taken.result();
        onTaken.run();
      } else {
        vertx.setTimer(RETRY_MS, t -> ask());
      }
    });
  }
}
