package verticles.common;

/**
 * A failure with an HTTP-like code that crosses the event bus as {@code message.fail(code, message)}.
 * 400 bad input, 401 not authenticated, 403 not allowed, 404 not found, 409 conflict,
 * 413 too large, 429 over a limit (with when to try again), 503 a service is unavailable, 500 unexpected.
 */
public final class Failure extends RuntimeException {
  private final int code;
  private final long retryAfterSeconds;

  public Failure(int code, String message) {
    this(code, message, 0);
  }

  private Failure(int code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int code() {
    return code;
  }

  /** When the client may try again, in whole seconds (HTTP's {@code Retry-After}); 0 when not said. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** A 429: over the limit {@code limit}, until {@code retryAfterMs} from now (rounded up to a second). */
  public static Failure tooMany(String limit, long retryAfterMs) {
    long seconds = Math.max(1, (retryAfterMs + 999) / 1000);
    return new Failure(429, "too many: at most " + limit + "; try again in " + seconds + " s", seconds);
  }

  public static Failure badRequest(String message) {
    return new Failure(400, message);
  }

  public static Failure unauthorized(String message) {
    return new Failure(401, message);
  }

  public static Failure forbidden(String message) {
    return new Failure(403, message);
  }

  public static Failure notFound(String message) {
    return new Failure(404, message);
  }

  public static Failure conflict(String message) {
    return new Failure(409, message);
  }

  public static Failure unavailable(String message) {
    return new Failure(503, message);
  }
}
