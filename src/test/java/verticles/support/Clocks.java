package verticles.support;

/** Waiting for the wall clock (rows stamped in one millisecond share a time; ordered lists need it to move on). */
public final class Clocks {
  private Clocks() {
  }

  /** Spins until {@link System#currentTimeMillis()} has moved on by at least one millisecond. */
  public static void awaitNextMillisecond() {
    long now = System.currentTimeMillis();
    while (System.currentTimeMillis() == now) {
      Thread.onSpinWait();
    }
  }
}
