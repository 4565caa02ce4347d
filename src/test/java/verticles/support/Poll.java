package verticles.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it (tests never sleep for a fixed time): at once, then at
 * growing intervals up to 50 ms, until a deadline. Call it from the test thread, never an event loop.
 */
public final class Poll {
  private static final long MAX_INTERVAL_NANOS = 50_000_000L;

  private Poll() {
  }

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    value(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  /**
   * Calls {@code attempt} until it returns a value (null means "not yet") and returns it. An
   * exception from {@code attempt} (an assertion that cannot come true any more) ends the wait.
   */
  public static <T> T value(String what, Duration timeout, Supplier<T> attempt) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long interval = 1_000_000L;
    while (true) {
      T value = attempt.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      LockSupport.parkNanos(interval);
      interval = Math.min(interval * 2, MAX_INTERVAL_NANOS);
    }
  }
}
