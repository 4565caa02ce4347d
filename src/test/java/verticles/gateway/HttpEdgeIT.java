package verticles.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.Test;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.RawHttp;
import verticles.support.RawHttp.Answer;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request line, headers and percent-escapes at the edge: what the contract's Transport section
 * promises for long query strings, oversized heads and malformed escapes.
 */
class HttpEdgeIT extends OneNodePerClass {
  private static final Duration AT_ONCE = Duration.ofSeconds(2);

  /** One request on a fresh connection the server closes after answering. */
  private static Answer raw(String method, String target, String body) {
    try (RawHttp http = new RawHttp(app.port())) {
      String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
      if (body != null) {
        head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n";
      }
      http.send(head + "\r\n" + (body == null ? "" : body));
      return http.awaitClose(AT_ONCE);
    }
  }

  private static void assertBadEscape(Answer answer, String... fields) {
    assertEquals(200, answer.status(), String.valueOf(answer.body()));
    assertEquals(400, answer.body().getInteger("status_code"), answer.body().encode());
    assertTrue(answer.body().getString("status_msg").contains("percent-escape"), answer.body().encode());
    for (String field : fields) {
      assertTrue(answer.body().containsKey(field), field + " in " + answer.body().encode());
    }
  }

  private static void assertFailureAnswer(Answer answer, String naming) {
    assertEquals(200, answer.status(), String.valueOf(answer.body()));
    assertEquals(400, answer.body().getInteger("status_code"), answer.body().encode());
    assertTrue(answer.body().getString("status_msg").contains(naming), answer.body().encode());
  }

  @Test
  void aMalformedEscapeInTheQueryIsABadParameterAnsweredAtOnce() {
    assertBadEscape(raw("GET", "/douyin/feed/?latest_time=%zz", null), "video_list", "next_time");
    assertBadEscape(raw("GET", "/douyin/comment/list/?video_id=1%", null), "comment_list");
    // A POST with a body: this one used to get no answer at all.
    assertBadEscape(raw("POST", "/douyin/favorite/action/?video_id=%", "a=b"));
    assertBadEscape(raw("POST", "/douyin/user/register/?username=%e4%", "password=secret123"), "user_id", "token");
    assertBadEscape(raw("POST", "/douyin/publish/action/?token=%g0", null));
  }

  @Test
  void aMalformedEscapeInAFormBodyIsRefusedWithTheEnvelope() {
    Answer answer = raw("POST", "/douyin/user/register/", "username=%&password=secret123");
    assertEquals(400, answer.status());
    JsonObject body = answer.body();
    assertEquals(400, body.getInteger("status_code"));
    assertEquals(0L, body.getLong("user_id"));
    assertEquals("", body.getString("token"));
  }

  @Test
  void controlCharactersInNumbersAreNotNumbers() {
    Account user = Users.register(api, "edge");
    for (String control : new String[] {"%00", "%07", "%1F", "%7F"}) {
      assertFailureAnswer(raw("GET", "/douyin/user/?user_id=" + user.id() + control, null), "user_id");
      assertFailureAnswer(raw("GET", "/douyin/user/?user_id=" + control + user.id(), null), "user_id");
      assertFailureAnswer(raw("GET", "/douyin/feed/?latest_time=1" + control, null), "latest_time");
    }
    assertEquals(0, api.get("/douyin/user/", "user_id", " " + user.id() + " ").code(), "white space is still allowed");
  }

  @Test
  void aCommentOf1024CjkCharactersFitsInTheQueryString() {
    Account author = Users.register(api, "edge");
    Video video = Videos.create(app, author.id());
    String text = "评".repeat(1024);
    Reply posted = api.postQuery("/douyin/comment/action/", "token", author.token(), "video_id", video.idParam(),
        "action_type", "1", "comment_text", text);
    assertEquals(0, posted.code(), posted.message());
    assertEquals(text, posted.body().getJsonObject("comment").getString("content"));
  }

  @Test
  void requestLinesUpTo64KiBAreAcceptedLongerOnesAnswer414WithTheEnvelope() {
    String prefix = "/douyin/feed/?pad=";
    int fits = HttpEdge.MAX_REQUEST_LINE - "GET  HTTP/1.1".length() - prefix.length();
    Answer accepted = raw("GET", prefix + "a".repeat(fits), null);
    assertEquals(200, accepted.status());
    assertEquals(0, accepted.body().getInteger("status_code"));

    Answer refused = raw("GET", prefix + "a".repeat(fits + 1), null);
    assertEquals(414, refused.status());
    assertEquals(414, refused.body().getInteger("status_code"));
    assertTrue(refused.body().getString("status_msg").contains("request line"), refused.body().encode());
  }

  @Test
  void oversizedHeadersAnswer431WithTheEnvelope() {
    try (RawHttp http = new RawHttp(app.port())) {
      http.send("GET /douyin/feed/ HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(HttpEdge.MAX_HEADERS) + "\r\n\r\n");
      Answer answer = http.awaitClose(AT_ONCE);
      assertEquals(431, answer.status());
      assertEquals(431, answer.body().getInteger("status_code"));
      assertTrue(answer.body().getString("status_msg").contains("headers"), answer.body().encode());
    }
  }

  @Test
  void formBodiesWithHundredsOfFieldsAnswer400() {
    Account author = Users.register(api, "parts");
    String[] form = new String[600];
    for (int i = 0; i < 300; i++) {
      form[2 * i] = "field" + i;
      form[2 * i + 1] = "x";
    }
    for (int round = 0; round < 5; round++) {
      MultipartForm fields = MultipartForm.create().attribute("token", author.token());
      for (int i = 0; i < 300; i++) {
        fields.attribute("field" + i, "x");
      }
      assertTooManyParts(api.postMultipart("/douyin/comment/action/", fields));
      assertTooManyParts(api.post("/douyin/message/action/", form));
    }
  }

  private static void assertTooManyParts(Reply reply) {
    assertEquals(400, reply.status(), reply.toString());
    assertEquals(400, reply.code(), reply.toString());
    assertTrue(reply.message().contains("fields"), reply.toString());
  }
}
