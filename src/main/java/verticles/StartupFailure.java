package verticles;

import verticles.common.config.ConfigException;

/** Turns whatever stopped startup into one line for the operator. */
final class StartupFailure {
  private StartupFailure() {
  }

  static String describe(Throwable e) {
    if (e instanceof ConfigException) {
      return e.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root.getCause() instanceof ConfigException) {
        return root.getCause().getMessage();
      }
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root instanceof java.net.BindException) {
      message = "cannot listen: " + message + " (is another server using the port? set VERTOK_HTTP_PORT)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
