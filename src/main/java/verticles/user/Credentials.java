package verticles.user;

import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.Text;

import java.text.Normalizer;
import java.util.Set;

/**
 * A username and password as the contract allows them: username 1–32 characters, password 6–32.
 * A username is kept in Unicode NFC (register and login normalise alike, so a name typed with
 * combining accents finds the account), has no invisible or control characters (zero-width,
 * bidi controls, unassigned or private-use code points) and at least one visible character.
 */
record Credentials(String username, String password) {
  static final int USERNAME_MAX = 32;
  static final int PASSWORD_MIN = 6;
  static final int PASSWORD_MAX = 32;
  /** Joins emoji into one (👨‍👩‍👧): allowed after an emoji and before another character, unlike other format characters. */
  private static final int ZERO_WIDTH_JOINER = 0x200D;
  /** Letters and symbols that render as blank space (Hangul fillers, braille blank). */
  private static final Set<Integer> BLANK_LETTERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

  static Credentials from(JsonObject body) {
    String given = Fields.optionalString(body, "username");
    String username = Text.require(given == null ? null : Normalizer.normalize(given, Normalizer.Form.NFC),
        "username", USERNAME_MAX, false);
    requireVisible(username);
    String password = Fields.optionalString(body, "password");
    if (password == null || password.isEmpty()) {
      throw Failure.badRequest("password is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
      throw Failure.badRequest("password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters");
    }
    return new Credentials(username, password);
  }

  private static void requireVisible(String username) {
    int[] chars = username.codePoints().toArray();
    boolean visible = false;
    for (int i = 0; i < chars.length; i++) {
      int c = chars[i];
      int type = Character.getType(c);
      boolean joinsEmoji = c == ZERO_WIDTH_JOINER && i > 0 && i + 1 < chars.length && isEmojiPart(chars[i - 1]);
      if ((type == Character.FORMAT && !joinsEmoji) || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        throw Failure.badRequest("username must not contain invisible or control characters (U+"
            + String.format("%04X", c) + ")");
      }
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && !BLANK_LETTERS.contains(c)
          && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK && type != Character.COMBINING_SPACING_MARK) {
        visible = true;
      }
    }
    if (!visible) {
      throw Failure.badRequest("username must contain a visible character");
    }
  }

  /** A symbol, a modifier (skin tones) or the emoji variation selector: what a joiner may follow. */
  private static boolean isEmojiPart(int c) {
    int type = Character.getType(c);
    return type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL || c == 0xFE0F;
  }

  @Override
  public String toString() {
    return "Credentials[" + username + "]";
  }
}
