package verticles;

import verticles.common.Causes;
import verticles.common.config.ConfigException;

import java.net.BindException;

/** Turns whatever stopped startup into one line for the operator. */
final class StartupFailure {
  private StartupFailure() {
  }

  static String describe(Throwable e) {
    for (Throwable t : Causes.chain(e)) {
      if (t instanceof ConfigException) {
        return t.getMessage();
      }
    }
    Throwable root = Causes.root(e);
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root instanceof BindException) {
      message = "cannot listen: " + message + " (is another server using the port? set VERTOK_HTTP_PORT)";
    }
    return Causes.firstLine(message);
  }
}
