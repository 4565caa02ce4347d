package verticles.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a list ordered newest first by (time, id): the last item of a page. The next page
 * holds the items strictly after it, so items added meanwhile (they come first) never shift the
 * pages still to read. On the wire a string ({@code next_cursor}, sent back as {@code cursor}),
 * {@code <time>.<id>}, which clients pass back unchanged.
 */
public record Cursor(long time, long id) {
  private static final Pattern FORM = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})");

  /** The cursor in {@code text}; a 400 naming {@code field} when it is not one this server gave out. */
  public static Cursor parse(String text, String field) {
    Matcher m = text == null ? null : FORM.matcher(text);
    if (m == null || !m.matches()) {
      throw Failure.badRequest(field + " is not valid: send back a next_cursor unchanged");
    }
    return new Cursor(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  public String text() {
    return time + "." + id;
  }
}
