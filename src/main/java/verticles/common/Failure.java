package verticles.common;

/**
 * A failure with an HTTP-like code that crosses the event bus as {@code message.fail(code, message)}.
 * 400 bad input, 401 not authenticated, 403 not allowed, 404 not found, 409 conflict,
 * 413 too large, 503 a service is unavailable, 500 unexpected.
 */
public final class Failure extends RuntimeException {
  private final int code;

  public Failure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
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
