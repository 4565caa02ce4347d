package verticles.gateway;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.MediaDirs;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.RawHttp;
import verticles.support.RawHttp.Answer;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publish uploads are refused as early as the request allows (a bad token in the query, or in a
 * field before the file part, before anything is written), bounded per user and per node, and
 * leave nothing in the uploads directory when the client goes away.
 */
class UploadLimitsIT extends OneNodePerClass {
  private static final String BOUNDARY = "vertokBoundary";
  private static final long MIB = 1024 * 1024;
  private static final byte[] CHUNK = new byte[64 * 1024];
  private static final Duration AT_ONCE = Duration.ofSeconds(5);

  @Override
  protected JsonObject settings() {
    return new JsonObject()
        .put(Setting.UPLOAD_LIMIT_MB.key(), 64)
        .put(Setting.UPLOAD_INFLIGHT_MB.key(), 100)
        .put(Setting.UPLOAD_MAX_PER_USER.key(), 1);
  }

  /** The head of a publish request whose multipart body (of {@code length} bytes) begins with {@code fields}. */
  private static String head(String query, long length) {
    return "POST /douyin/publish/action/" + query + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length + "\r\n\r\n";
  }

  private static String field(String name, String value) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  private static String filePart() {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"clip.mp4\"\r\n"
        + "Content-Type: video/mp4\r\n\r\n";
  }

  /**
   * Sends a publish of {@code fileBytes} of video after {@code fields}, chunk by chunk until the
   * server closes the connection; answers the server's reply and the most the uploads directory
   * held meanwhile.
   */
  private static long[] upload(String query, String fields, long fileBytes, Answer[] answer) {
    MediaDirs dirs = new MediaDirs(app);
    String start = fields + filePart();
    String end = "\r\n--" + BOUNDARY + "--\r\n";
    long most = 0;
    long sent = 0;
    try (RawHttp http = new RawHttp(app.port())) {
      http.send(head(query, start.length() + fileBytes + end.length()) + start);
      boolean open = true;
      while (sent < fileBytes && open && !http.closedByServer()) {
        int n = (int) Math.min(CHUNK.length, fileBytes - sent);
        open = http.send(n == CHUNK.length ? CHUNK : Arrays.copyOf(CHUNK, n));
        sent += n;
        most = Math.max(most, dirs.uploadBytes());
      }
      if (open) {
        http.send(end);
      }
      answer[0] = http.awaitClose(AT_ONCE);
    }
    return new long[] {most, sent};
  }

  /** A 50 MiB upload refused for its token: answered 401, the upload stopped, nothing written. */
  private static void assertRefusedBeforeAnythingIsWritten(String query, String fields) {
    new MediaDirs(app).awaitNoUploads();
    Answer[] answer = new Answer[1];
    long[] result = upload(query, fields, 50 * MIB, answer);
    assertEquals(401, answer[0].body().getInteger("status_code"), answer[0].body().encode());
    assertEquals(0, result[0], "bytes written to the uploads directory");
    assertTrue(result[1] < 50 * MIB, "the server stopped the upload: " + result[1] + " bytes sent");
    new MediaDirs(app).awaitNoUploads();
  }

  @Test
  void a50MiBUploadWithABadTokenInTheQueryIsRefusedBeforeAnythingIsWritten() {
    assertRefusedBeforeAnythingIsWritten("?token=forged.token.value", field("title", "t"));
  }

  @Test
  void a50MiBUploadWithABadTokenFieldBeforeTheFileIsRefusedBeforeTheFileIsWritten() {
    assertRefusedBeforeAnythingIsWritten("", field("token", "forged.token.value") + field("title", "t"));
  }

  @Test
  void aSecondUploadOfTheSameUserIsRefusedAndAnAbandonedUploadLeavesNothing() {
    Account user = Users.register(api, "uploader");
    String query = "?token=" + user.token();
    MediaDirs dirs = new MediaDirs(app);
    try (RawHttp first = new RawHttp(app.port())) {
      String start = field("title", "first") + filePart();
      first.send(head(query, start.length() + 20 * MIB) + start);
      for (int i = 0; i < 16; i++) {
        first.send(CHUNK);
      }
      Poll.until("the first upload to reach the disk", AT_ONCE, () -> dirs.uploadBytes() > 0);

      Answer[] second = new Answer[1];
      upload(query, field("title", "second"), MIB, second);
      assertEquals(429, second[0].body().getInteger("status_code"), second[0].body().encode());
      assertEquals(429, second[0].status());
      assertFalse(first.closedByServer(), "the first upload goes on");
    }
    // The client went away in the middle of its file.
    dirs.awaitNoUploads();
    Poll.until("the user's slot to be free again", AT_ONCE, () -> {
      Answer[] again = new Answer[1];
      upload(query, field("title", "again"), 1024, again);
      return again[0].body().getInteger("status_code") != 429;
    });
    // That last upload was admitted: its file is gone once the media worker has refused it.
    dirs.awaitNoUploads();
  }

  @Test
  void uploadsOverTheNodesBytesInFlightAreRefusedAtOnce() {
    Account holder = Users.register(api, "holder");
    Account other = Users.register(api, "other");
    try (RawHttp held = new RawHttp(app.port())) {
      String start = field("title", "big") + filePart();
      held.send(head("?token=" + holder.token(), 64 * MIB) + start);
      held.send(CHUNK);
      Poll.until("the held upload to be admitted", AT_ONCE, () -> new MediaDirs(app).uploadBytes() > 0);

      try (RawHttp refused = new RawHttp(app.port())) {
        refused.send(head("?token=" + other.token(), 40 * MIB) + field("title", "t") + filePart());
        Answer answer = refused.awaitClose(AT_ONCE);
        assertEquals(503, answer.status());
        assertEquals(503, answer.body().getInteger("status_code"));
        assertTrue(answer.body().getString("status_msg").contains("uploads in progress"), answer.body().encode());
      }
    }
    new MediaDirs(app).awaitNoUploads();
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBody() {
    try (RawHttp http = new RawHttp(app.port())) {
      http.send(head("", 65 * MIB));
      Answer answer = http.awaitClose(AT_ONCE);
      assertEquals(413, answer.status());
      assertEquals(413, answer.body().getInteger("status_code"));
    }
  }

  @Test
  void aPublishWithHundredsOfPartsAnswers400AndLeavesNothing() {
    Account author = Users.register(api, "parts");
    StringBuilder files = new StringBuilder(field("title", "many"));
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      files.append(filePart().replace("name=\"data\"", "name=\"data" + (i == 0 ? "" : i) + "\"")).append("x\r\n");
      fields.append(field("field" + i, "x"));
    }
    for (String body : List.of(files.toString(), fields.toString())) {
      for (int round = 0; round < 5; round++) {
        String whole = body + "--" + BOUNDARY + "--\r\n";
        try (RawHttp http = new RawHttp(app.port())) {
          http.send(head("?token=" + author.token(), whole.length()) + whole);
          Answer answer = http.awaitClose(AT_ONCE);
          assertEquals(400, answer.status(), String.valueOf(answer.body()));
          assertEquals(400, answer.body().getInteger("status_code"));
        }
      }
    }
    new MediaDirs(app).awaitNoUploads();
  }
}
