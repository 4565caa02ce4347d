package verticles.comment;

import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Fields;
import verticles.common.Text;

import java.util.List;

/**
 * The rules of a danmaku's fields (docs/api.md): 1–{@value CommentClient#DANMAKU_MAX} characters
 * on one line, a progress within the video ({@code 0} to its duration, or to the longest video
 * accepted when its duration is unknown), a mode (1 scrolling, 4 bottom, 5 top), a colour
 * (0xRRGGBB) and a font size (18, 25 or 36), with the contract's defaults.
 */
final class DanmakuDrafts {
  static final int SCROLLING = 1;
  static final List<Integer> MODES = List.of(SCROLLING, 4, 5);
  static final List<Integer> FONT_SIZES = List.of(18, 25, 36);
  static final int WHITE = 0xFFFFFF;
  static final int DEFAULT_FONT_SIZE = 25;

  private DanmakuDrafts() {
  }

  /** The danmaku {@code body} asks to store, without id, for a video of {@code durationMs}; a 400 naming the field that is wrong. */
  static Danmaku of(JsonObject body, String content, long durationMs, long now) {
    long progress = Fields.nonNegative(body, "progress_ms", -1);
    if (progress < 0) {
      throw Failure.badRequest("progress_ms is required");
    }
    if (progress > durationMs) {
      throw Failure.badRequest("progress_ms must be within the video: 0 to " + durationMs + ", got " + progress);
    }
    int mode = oneOf(body, "mode", MODES, SCROLLING);
    long color = Fields.nonNegative(body, "color", WHITE);
    if (color > WHITE) {
      throw Failure.badRequest("color must be 0 to 16777215 (0xRRGGBB), got " + color);
    }
    int fontSize = oneOf(body, "font_size", FONT_SIZES, DEFAULT_FONT_SIZE);
    return new Danmaku(0, Fields.id(body, "video_id"), Fields.id(body, "user_id"), content, progress, mode, (int) color,
        fontSize, now);
  }

  /** The text of {@code body}'s {@code content}, trimmed; a 400 when it is missing, too long or more than one line. */
  static String content(JsonObject body) {
    return Text.require(Fields.optionalString(body, "content"), "content", CommentClient.DANMAKU_MAX, false);
  }

  private static int oneOf(JsonObject body, String field, List<Integer> allowed, int absent) {
    long value = Fields.nonNegative(body, field, absent);
    if (value > Integer.MAX_VALUE || !allowed.contains((int) value)) {
      throw Failure.badRequest(field + " must be one of " + allowed + ", got " + value);
    }
    return (int) value;
  }
}
