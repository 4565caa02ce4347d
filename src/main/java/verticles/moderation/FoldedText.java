package verticles.moderation;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Text as the word filter compares it: each character in its compatibility form (NFKC: full-width
 * letters and digits become half-width, ligatures are split) and lower case, keeping letters and
 * digits only, so that spaces, punctuation and invisible characters put between the letters of a
 * word do not hide it. Each kept character remembers the span of the original text it came from.
 */
final class FoldedText {
  final String folded;
  /** For each char of {@link #folded}: where its original character starts and ends in the original. */
  private final int[] starts;
  private final int[] ends;

  private FoldedText(String folded, int[] starts, int[] ends) {
    this.folded = folded;
    this.starts = starts;
    this.ends = ends;
  }

  static FoldedText of(String original) {
    StringBuilder folded = new StringBuilder(original.length());
    int[] starts = new int[original.length() + 8];
    int[] ends = new int[original.length() + 8];
    for (int i = 0; i < original.length(); ) {
      int cp = original.codePointAt(i);
      int next = i + Character.charCount(cp);
      String forms = cp < 0x80 ? String.valueOf((char) Character.toLowerCase(cp))
          : Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
      for (int j = 0; j < forms.length(); ) {
        int c = forms.codePointAt(j);
        j += Character.charCount(c);
        if (!Character.isLetterOrDigit(c)) {
          continue;
        }
        if (folded.length() + 2 > starts.length) {
          starts = Arrays.copyOf(starts, starts.length * 2);
          ends = Arrays.copyOf(ends, ends.length * 2);
        }
        for (int k = 0; k < Character.charCount(c); k++) {
          starts[folded.length() + k] = i;
          ends[folded.length() + k] = next;
        }
        folded.appendCodePoint(c);
      }
      i = next;
    }
    return new FoldedText(folded.toString(), starts, ends);
  }

  /** Where, in the original, the character of folded index {@code index} starts. */
  int originalStart(int index) {
    return starts[index];
  }

  /** Where, in the original, the character of folded index {@code index} ends (exclusive). */
  int originalEnd(int index) {
    return ends[index];
  }

  /**
   * Whether {@code codePoint} belongs to a script written with spaces between words (Latin,
   * Cyrillic, Greek…, and digits): a word of such a script is a match only as a whole word. Chinese
   * and Japanese are written without them, so their entries match anywhere.
   */
  static boolean spaced(int codePoint) {
    if (Character.isDigit(codePoint)) {
      return true;
    }
    if (!Character.isLetter(codePoint)) {
      return false;
    }
    return switch (Character.UnicodeScript.of(codePoint)) {
      case LATIN, CYRILLIC, GREEK, ARMENIAN, GEORGIAN, HEBREW, ARABIC -> true;
      default -> false;
    };
  }
}
