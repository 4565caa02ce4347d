package verticles.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTest {
  @Test
  void surroundingWhiteSpaceGoesInsideStays() {
    assertEquals("a  b", Text.require("\t a  b \u3000", "f", 10, false));
  }

  @Test
  void lengthCountsCharactersNotUtf16Units() {
    assertEquals("😀😀😀", Text.require("😀😀😀", "f", 3, false));
    assertThrows(Failure.class, () -> Text.require("😀😀😀😀", "f", 3, false));
  }

  @Test
  void controlCharactersAndBrokenSurrogatesAreRefused() {
    Failure control = assertThrows(Failure.class, () -> Text.require("a\u0000b", "name", 10, false));
    assertTrue(control.getMessage().startsWith("name"));
    assertThrows(Failure.class, () -> Text.require("a\nb", "name", 10, false));
    assertEquals("a\nb", Text.require("a\nb", "content", 10, true));
    assertThrows(Failure.class, () -> Text.require("a\ud83d", "name", 10, true));
    assertThrows(Failure.class, () -> Text.require("\ude00b", "name", 10, true));
  }

  @Test
  void missingAndBlankAreRefused() {
    assertEquals(400, assertThrows(Failure.class, () -> Text.require(null, "title", 5, false)).code());
    assertEquals(400, assertThrows(Failure.class, () -> Text.require("   ", "title", 5, false)).code());
  }
}
