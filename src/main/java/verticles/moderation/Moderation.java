package verticles.moderation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import verticles.common.Failure;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The moderation rule for text users post (comments, danmaku, messages): text with a word of the
 * list ({@link WordFilter}: the built-in list unless {@code moderation_default_words} is false,
 * plus the file {@code moderation_words_file}) is refused with a 400, or, when
 * {@code moderation_action} is {@code mask}, stored with those words masked.
 */
public final class Moderation {
  private static final String DEFAULT_WORDS = "/moderation/words.txt";

  private final WordFilter filter;
  private final boolean mask;

  Moderation(WordFilter filter, boolean mask) {
    this.filter = filter;
    this.mask = mask;
  }

  /** Reads the word lists (on a worker: they are files) and builds the rule. */
  public static Future<Moderation> load(Vertx vertx, Config config) {
    return vertx.executeBlocking(() -> new Moderation(WordFilter.of(lines(config)),
        config.string(Setting.MODERATION_ACTION).equals("mask")), false);
  }

  /**
   * {@code text} as it may be stored: itself, or masked; a 400 saying that the {@code what} (a
   * comment, a message…) holds a listed word when the action is to refuse.
   */
  public String screen(String text, String what) {
    if (mask) {
      return filter.mask(text);
    }
    if (!filter.find(text).isEmpty()) {
      throw Failure.badRequest("the " + what + " contains words that are not allowed here; please reword it");
    }
    return text;
  }

  private static List<String> lines(Config config) {
    List<String> lines = new ArrayList<>();
    if (config.bool(Setting.MODERATION_DEFAULT_WORDS)) {
      try (InputStream in = Moderation.class.getResourceAsStream(DEFAULT_WORDS)) {
        lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String file = config.string(Setting.MODERATION_WORDS_FILE);
    if (!file.isEmpty()) {
      try {
        lines.addAll(Files.readAllLines(Path.of(file), StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        throw new IllegalStateException("moderation_words_file " + file + " does not exist");
      } catch (IOException e) {
        throw new IllegalStateException("moderation_words_file " + file + " cannot be read as UTF-8 text: " + e);
      }
    }
    return lines;
  }
}
