package verticles.moderation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The word filter on tricky text: what hides a word (and must not), and what only looks like one. */
class WordFilterTest {
  private static final WordFilter FILTER = WordFilter.of(List.of(
      "# a comment line, and a blank one", "", "ass", "fuck*", "*hole", "傻逼", "spam link"));

  private static boolean found(String text) {
    return !FILTER.find(text).isEmpty();
  }

  @Test
  void entriesAreReadFromTheirLines() {
    assertEquals(5, FILTER.size(), "comments and blank lines are not entries");
    assertEquals(0, WordFilter.of(List.of("  ", "#x", "!!!")).size(), "an entry without letters or digits is skipped");
  }

  @Test
  void caseAndFullWidthFormsDoNotHideAWord() {
    assertTrue(found("ASS"));
    assertTrue(found("what an Ass!"));
    assertTrue(found("ＡＳＳ"), "full-width letters");
    assertTrue(found("ｆｕｃｋ you"));
  }

  @Test
  void spacesPunctuationAndInvisibleCharactersBetweenLettersDoNotHideAWord() {
    assertTrue(found("a s s"));
    assertTrue(found("a.s.s"));
    assertTrue(found("a\u200Bs\u200Bs"), "zero-width spaces");
    assertTrue(found("f-u-c-k it"));
    assertTrue(found("傻 逼"));
    assertTrue(found("傻*逼"));
    assertTrue(found("你是傻逼吗"), "Chinese entries match inside a sentence");
    assertTrue(found("SPAM   link"), "an entry of two words");
    assertTrue(found("spamlink"));
  }

  @Test
  void aWordOfASpacedScriptMatchesOnlyAsAWholeWordUnlessItsEntryIsAStem() {
    assertFalse(found("class"), "inside a word");
    assertFalse(found("assistant"), "at the start of a longer word");
    assertFalse(found("bass guitar"));
    assertTrue(found("fucking"), "a stem (fuck*) matches longer words");
    assertTrue(found("F.U.C.K.I.N.G"));
    assertFalse(found("unfucked"), "a stem matches at the start of a word only");
    assertTrue(found("asshole"), "*hole matches at the end of a word");
    assertFalse(found("holes"));
    assertFalse(found("一个好人"), "text without entries");
  }

  @Test
  void maskingReplacesTheWordAndWhatWasPutBetweenItsLetters() {
    assertEquals("what an ***!", FILTER.mask("what an Ass!"));
    assertEquals("*****, no", FILTER.mask("a.s.s, no"));
    assertEquals("你是**吗", FILTER.mask("你是傻逼吗"));
    assertEquals("***", FILTER.mask("ＡＳＳ"), "one star per character, full-width or not");
    assertEquals("😀 ****er 😀", FILTER.mask("😀 fucker 😀"), "a stem's match is the stem");
    assertEquals("a classy bass", FILTER.mask("a classy bass"), "nothing to mask");
  }

  @Test
  void findingTakesTimeProportionalToTheText() {
    WordFilter big = WordFilter.of(IntStream.range(0, 20_000).mapToObj(i -> "word" + i).toList());
    String text = "harmless text ".repeat(70) + "word19999";
    assertEquals(20_000, big.size());
    assertEquals(1, big.find(text).size());
  }
}
