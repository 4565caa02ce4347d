package verticles.common.config;

/** A configuration problem, reported at startup as one line. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
