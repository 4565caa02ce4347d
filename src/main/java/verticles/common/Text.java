package verticles.common;

/**
 * Validation of user-supplied text: surrounding white space is removed, the rest is kept exactly.
 * Lengths count Unicode code points (an emoji is one character), as the contract says.
 */
public final class Text {
  private Text() {
  }

  /**
   * Returns {@code value} without surrounding white space, or fails with a 400 naming {@code field}.
   *
   * @param allowLineBreaks whether line breaks and tabs may appear inside (comments, messages)
   */
  public static String require(String value, String field, int maxChars, boolean allowLineBreaks) {
    if (value == null) {
      throw Failure.badRequest(field + " is required");
    }
    String text = value.strip();
    if (text.isEmpty()) {
      throw Failure.badRequest(field + " must not be empty");
    }
    int length = text.codePointCount(0, text.length());
    if (length > maxChars) {
      throw Failure.badRequest(field + " must be at most " + maxChars + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        throw Failure.badRequest(field + " is not valid Unicode text");
      }
      if (Character.getType(c) == Character.CONTROL && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
        throw Failure.badRequest(field + " must not contain control characters");
      }
    }
    return text;
  }
}
