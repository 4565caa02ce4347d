package verticles.common;

import java.util.ArrayList;
import java.util.List;

/** Reading a failure for one line of output: its chain of causes and the first line of a message. */
public final class Causes {
  private Causes() {
  }

  /** {@code e}, then its cause, and so on down to the root (last). */
  public static List<Throwable> chain(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** The root cause: the last of {@link #chain}. */
  public static Throwable root(Throwable e) {
    List<Throwable> chain = chain(e);
    return chain.get(chain.size() - 1);
  }

  /** {@code message} up to its first line break. */
  public static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
