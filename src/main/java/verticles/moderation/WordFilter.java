package verticles.moderation;

import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the entries of a word list in text, all at once (an Aho–Corasick automaton over the
 * entries, folded as {@link FoldedText} folds the text): case, full-width forms and characters put
 * between the letters do not hide a word.
 *
 * <p>An entry in a script written with spaces (Latin, Cyrillic…) matches whole words only, so
 * {@code ass} is not found in {@code class} or {@code assistant}; an entry may end (or begin) with
 * {@code *} to match as the start (or the end) of longer words: {@code fuck*} also finds
 * {@code fucking}. Entries in Chinese or Japanese match anywhere. Immutable, safe to share.
 */
public final class WordFilter {
  /** A match: the original text's chars {@code [start, end)}. */
  public record Span(int start, int end) {
  }

  private record Entry(boolean openStart, boolean openEnd) {
  }

  private final PayloadTrie<Entry> trie;
  private final int size;

  private WordFilter(PayloadTrie<Entry> trie, int size) {
    this.trie = trie;
    this.size = size;
  }

  /**
   * A filter of {@code lines}: one entry a line; blank lines and lines starting with {@code #} are
   * skipped, as are entries with no letter or digit.
   */
  public static WordFilter of(Collection<String> lines) {
    PayloadTrie.PayloadTrieBuilder<Entry> builder = PayloadTrie.builder();
    int size = 0;
    for (String line : lines) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      boolean openStart = entry.startsWith("*");
      boolean openEnd = entry.endsWith("*");
      String folded = FoldedText.of(entry).folded;
      if (!folded.isEmpty()) {
        builder.addKeyword(folded, new Entry(openStart, openEnd));
        size++;
      }
    }
    return new WordFilter(builder.build(), size);
  }

  /** How many entries the filter holds. */
  public int size() {
    return size;
  }

  /** The spans of {@code text} that match an entry, in the order found (they may overlap). */
  public List<Span> find(String text) {
    FoldedText folded = FoldedText.of(text);
    List<Span> spans = new ArrayList<>();
    for (PayloadEmit<Entry> emit : trie.parseText(folded.folded)) {
      int start = folded.originalStart(emit.getStart());
      int end = folded.originalEnd(emit.getEnd());
      Entry entry = emit.getPayload();
      if ((entry.openStart() || !gluedBefore(text, start)) && (entry.openEnd() || !gluedAfter(text, end))) {
        spans.add(new Span(start, end));
      }
    }
    return spans;
  }

  /** {@code text} with every character of every match replaced by {@code *}. */
  public String mask(String text) {
    List<Span> spans = find(text);
    if (spans.isEmpty()) {
      return text;
    }
    boolean[] masked = new boolean[text.length()];
    spans.forEach(span -> java.util.Arrays.fill(masked, span.start(), span.end(), true));
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (masked[i]) {
        out.append('*');
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** Whether the match starting at {@code start} continues a word of a spaced script (it is inside that word). */
  private static boolean gluedBefore(String text, int start) {
    return start > 0 && FoldedText.spaced(text.codePointAt(start))
        && FoldedText.spaced(text.codePointBefore(start));
  }

  private static boolean gluedAfter(String text, int end) {
    return end < text.length() && FoldedText.spaced(text.codePointBefore(end))
        && FoldedText.spaced(text.codePointAt(end));
  }
}
