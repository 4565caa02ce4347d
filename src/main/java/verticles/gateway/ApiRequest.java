package verticles.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import verticles.common.Cursor;
import verticles.common.Failure;
import verticles.common.PageRequest;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API request's parameters: from the query string, or from a form body (url-encoded or
 * multipart; the body handler merges them). Numbers that are not numbers fail with a 400 naming
 * the parameter.
 */
final class ApiRequest {
  private static final String BEARER = "Bearer ";
  private static final Pattern NUMBER = Pattern.compile("[ \\t]*([+-]?\\d+)[ \\t]*");
  /** The longest page a client may ask for with {@code limit} (the contract's Extensions). */
  static final int MAX_PAGE = 100;

  private final RoutingContext ctx;
  private final MissingFields missing = new MissingFields();

  ApiRequest(RoutingContext ctx) {
    this.ctx = ctx;
  }

  RoutingContext context() {
    return ctx;
  }

  /** The fields this read answers without (a degraded read); its answer names them. */
  MissingFields missing() {
    return missing;
  }

  /**
   * The page of a long list asked for: optional {@code cursor} (a {@code next_cursor} sent back;
   * absent or empty: from the newest) and {@code limit} (1 to {@link #MAX_PAGE}; absent:
   * {@code defaultCap}, the official shape's cap).
   */
  PageRequest page(int defaultCap) {
    String limit = param("limit");
    int items = defaultCap;
    if (limit != null && !limit.isBlank()) {
      long n = number("limit", limit);
      if (n < 1 || n > MAX_PAGE) {
        throw Failure.badRequest("limit must be between 1 and " + MAX_PAGE + ", got " + n);
      }
      items = (int) n;
    }
    String cursor = param("cursor");
    return new PageRequest(cursor == null || cursor.isEmpty() ? null : Cursor.parse(cursor, "cursor"), items);
  }

  /** The parameter's value, or null when absent. */
  String param(String name) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      value = ctx.request().getFormAttribute(name);
    }
    return value;
  }

  /**
   * The token: the {@code token} parameter (the app's way), else an {@code Authorization: Bearer}
   * header (the web client's way, which keeps tokens out of URLs); null when neither is given.
   */
  String token() {
    String token = param("token");
    if (token != null && !token.isBlank()) {
      return token;
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return header.substring(BEARER.length()).trim();
    }
    return token;
  }

  /** A required positive int64 id. */
  long id(String name) {
    String value = param(name);
    if (value == null || value.isBlank()) {
      throw Failure.badRequest(name + " is required");
    }
    return positiveId(name, value);
  }

  /** An optional id: 0 when absent or empty. */
  long optionalId(String name) {
    String value = param(name);
    return value == null || value.isBlank() ? 0 : positiveId(name, value);
  }

  /** An optional non-negative number; {@code absent} when missing or empty. */
  long optionalNumber(String name, long absent) {
    String value = param(name);
    if (value == null || value.isBlank()) {
      return absent;
    }
    long n = number(name, value);
    if (n < 0) {
      throw Failure.badRequest(name + " must not be negative");
    }
    return n;
  }

  /** {@code action_type}: one of the allowed values. */
  int actionType(int... allowed) {
    String value = param("action_type");
    if (value == null || value.isBlank()) {
      throw Failure.badRequest("action_type is required");
    }
    long n = number("action_type", value);
    for (int a : allowed) {
      if (n == a) {
        return a;
      }
    }
    throw Failure.badRequest("action_type must be one of " + Arrays.toString(allowed) + ", got " + value.trim());
  }

  private static long positiveId(String name, String value) {
    long n = number(name, value);
    if (n <= 0) {
      throw Failure.badRequest(name + " must be a positive id");
    }
    return n;
  }

  /** A whole number in ASCII digits; spaces and tabs around it are allowed, other control characters are not. */
  static long number(String name, String value) {
    Matcher number = NUMBER.matcher(value);
    if (!number.matches()) {
      throw Failure.badRequest(name + " must be a number, got '" + abbreviate(value) + "'");
    }
    try {
      return Long.parseLong(number.group(1));
    } catch (NumberFormatException e) {
      throw Failure.badRequest(name + " is out of range: " + abbreviate(value));
    }
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
