package verticles.moderation;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Moderation by masking, with an operator's own word list and the built-in list turned off: a
 * listed word is stored with its characters (and what was put between them) replaced by stars.
 */
class ModerationMaskIT extends OneNodePerClass {
  @Override
  protected JsonObject settings() {
    try {
      Path words = Files.createTempFile("vertok-words", ".txt");
      words.toFile().deleteOnExit();
      Files.writeString(words, "# the operator's list\nspoiler*\n剧透\n", StandardCharsets.UTF_8);
      return new JsonObject().put(Setting.MODERATION_WORDS_FILE.key(), words.toString())
          .put(Setting.MODERATION_ACTION.key(), "mask").put(Setting.MODERATION_DEFAULT_WORDS.key(), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void listedWordsAreMaskedAndTheBuiltInListIsOff() {
    Account author = Users.register(api, "mask_author");
    Video video = Videos.create(app, author.id());
    Reply posted = api.post("/douyin/comment/action/", "token", author.token(), "video_id", video.idParam(),
        "action_type", "1", "comment_text", "S-P-O-I-L-E-R-S: he dies. 剧 透! damn");
    assertEquals(0, posted.code(), posted.toString());
    String masked = "*************-S: he dies. ***! damn";
    assertEquals(masked, posted.body().getJsonObject("comment").getString("content"));
    assertEquals(masked, api.get("/douyin/comment/list/", "video_id", video.idParam()).body()
        .getJsonArray("comment_list").getJsonObject(0).getString("content"), "stored masked");
    Reply builtIn = api.post("/douyin/danmaku/action/", "token", author.token(), "video_id", video.idParam(),
        "content", "shit happens", "progress_ms", "0");
    assertEquals("shit happens", builtIn.body().getJsonObject("danmaku").getString("content"),
        "the built-in list is off");
  }
}
