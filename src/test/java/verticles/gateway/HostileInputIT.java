package verticles.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import verticles.support.OneNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input, generated: every endpoint, by GET and POST, with its parameters in the query and
 * in a form body, each set to malformed escapes, control characters, huge, negative and odd
 * numbers, overlong and invalid text, and forged or odd tokens (or, for the writes, a valid token
 * with everything else hostile). Every answer comes within 2 s, is never a 5xx, carries the
 * envelope and every top-level field of its endpoint; and the data is exactly what it was.
 */
class HostileInputIT extends OneNodePerClass {
  private static final long TIMEOUT_MS = 2000;
  private static final List<String> TABLES = List.of("users", "videos", "video_user_stats", "favorites",
      "favorite_video_stats", "favorite_user_stats", "comments", "comment_video_stats", "follows",
      "relation_user_stats", "messages", "conversations");

  /** Values that are not valid text for any field (usernames, passwords, titles, comments, messages), as sent on the wire. */
  private static final List<String> BAD_TEXT = List.of(
      "%", "%zz", "%e4%", "1%", "%g1", "%%", "%00", "a%00b", "%07", "%1b%5b31m", "%7f", "a%0d%0aX-Injected:%20yes",
      "%ED%A0%80", "%C0%AF", "%FF%FE", "a".repeat(5000), "%E8%AF%84".repeat(2000), "", "%20%20");
  /** Values that are not valid for numbers, ids, action types or tokens, besides those above. */
  private static final List<String> BAD_NUMBERS = List.of(
      "-1", "0", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "99999999999999999999",
      "1e3", "0x10", "%EF%BC%91", "%D9%A1", "1.5", "+", "-", "NaN", "1%20000", "%2B%2B1", "1,2", "%5B1%5D");
  private static final List<String> FORGED_TOKENS = List.of(
      jwt("{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"sub\":\"1\",\"exp\":99999999999}", ""),
      jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"1\",\"exp\":99999999999}", "forged-signature"),
      jwt("{\"alg\":\"RS256\"}", "{\"sub\":\"1\"}", "x"),
      "a.b.c", "Bearer%20x", "..", "e30.e30.e30", "x".repeat(10_000));

  private record Endpoint(HttpMethod method, String path, List<String> params, Set<String> fields, boolean write) {
  }

  private static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint(HttpMethod.POST, "/douyin/user/register/", List.of("username", "password"), Set.of("user_id", "token"), true),
      new Endpoint(HttpMethod.POST, "/douyin/user/login/", List.of("username", "password"), Set.of("user_id", "token"), false),
      new Endpoint(HttpMethod.GET, "/douyin/user/", List.of("user_id", "token"), Set.of("user"), false),
      new Endpoint(HttpMethod.GET, "/douyin/feed/", List.of("latest_time", "token"), Set.of("video_list", "next_time"), false),
      new Endpoint(HttpMethod.POST, "/douyin/publish/action/", List.of("token", "title"), Set.of(), true),
      new Endpoint(HttpMethod.GET, "/douyin/publish/list/", List.of("user_id", "token"), Set.of("video_list"), false),
      new Endpoint(HttpMethod.POST, "/douyin/favorite/action/", List.of("token", "video_id", "action_type"), Set.of(), true),
      new Endpoint(HttpMethod.GET, "/douyin/favorite/list/", List.of("user_id", "token"), Set.of("video_list"), false),
      new Endpoint(HttpMethod.POST, "/douyin/comment/action/",
          List.of("token", "video_id", "action_type", "comment_text", "comment_id"), Set.of(), true),
      new Endpoint(HttpMethod.GET, "/douyin/comment/list/", List.of("video_id", "token"), Set.of("comment_list"), false),
      new Endpoint(HttpMethod.POST, "/douyin/relation/action/", List.of("token", "to_user_id", "action_type"), Set.of(), true),
      new Endpoint(HttpMethod.GET, "/douyin/relation/follow/list/", List.of("user_id", "token"), Set.of("user_list"), false),
      new Endpoint(HttpMethod.GET, "/douyin/relation/follower/list/", List.of("user_id", "token"), Set.of("user_list"), false),
      new Endpoint(HttpMethod.GET, "/douyin/relation/friend/list/", List.of("user_id", "token"), Set.of("user_list"), false),
      new Endpoint(HttpMethod.POST, "/douyin/message/action/", List.of("token", "to_user_id", "action_type", "content"),
          Set.of(), true),
      new Endpoint(HttpMethod.GET, "/douyin/message/chat/", List.of("token", "to_user_id", "pre_msg_time"),
          Set.of("message_list"), false));

  private Account author;
  private Account fan;

  private static String jwt(String header, String payload, String signature) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + signature;
  }

  @BeforeAll
  void someData() {
    author = Users.register(api, "hostile");
    fan = Users.register(api, "hostile");
    Video video = Videos.create(app, author.id());
    String videoId = video.idParam();
    assertEquals(0, api.post("/douyin/favorite/action/", "token", fan.token(), "video_id", videoId, "action_type", "1").code());
    assertEquals(0, api.post("/douyin/comment/action/", "token", fan.token(), "video_id", videoId, "action_type", "1",
        "comment_text", "first").code());
    for (Account[] pair : new Account[][] {{author, fan}, {fan, author}}) {
      assertEquals(0, api.post("/douyin/relation/action/", "token", pair[0].token(),
          "to_user_id", Long.toString(pair[1].id()), "action_type", "1").code());
    }
    assertEquals(0, api.post("/douyin/message/action/", "token", fan.token(), "to_user_id", Long.toString(author.id()),
        "action_type", "1", "content", "hello").code());
  }

  /** Every row of every table, as text. */
  private static Map<String, List<String>> data() {
    Map<String, List<String>> data = new LinkedHashMap<>();
    for (String table : TABLES) {
      List<String> rows = new ArrayList<>();
      for (Row row : app.node().database().query("SELECT * FROM " + table, Tuple.tuple()).await()) {
        rows.add(row.toJson().encode());
      }
      rows.sort(String::compareTo);
      data.put(table, rows);
    }
    return data;
  }

  /** The values a parameter is given: text fields get invalid text, the others also bad numbers and tokens. */
  private static List<String> hostile(String param) {
    List<String> values = new ArrayList<>(BAD_TEXT);
    if (param.equals("token")) {
      values.addAll(FORGED_TOKENS);
    }
    if (!Set.of("username", "password", "title", "comment_text", "content").contains(param)) {
      values.addAll(BAD_NUMBERS);
    }
    return values;
  }

  /** The query or form of {@code endpoint} with {@code value} in every parameter (the token valid when {@code token} is not null). */
  private static String params(Endpoint endpoint, String value, String token) {
    StringBuilder params = new StringBuilder();
    for (String param : endpoint.params()) {
      if (!params.isEmpty()) {
        params.append('&');
      }
      params.append(param).append('=').append(param.equals("token") && token != null ? token : value);
    }
    return params.toString();
  }

  @Test
  void everyEndpointAnswersHostileInputAtOnceWithItsFieldsAndChangesNothing() {
    Map<String, List<String>> before = data();
    int requests = 0;
    for (Endpoint endpoint : ENDPOINTS) {
      List<String> tokens = new ArrayList<>();
      tokens.add(null);
      if (endpoint.params().contains("token") && endpoint.write()) {
        tokens.add(fan.token());
      }
      for (String token : tokens) {
        for (String value : hostile(endpoint.params().get(0).equals("token") ? endpoint.params().get(1) : endpoint.params().get(0))) {
          String params = params(endpoint, value, token);
          for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
            check(endpoint, method, endpoint.path() + "?" + params, null);
            requests++;
            if (method == HttpMethod.POST) {
              check(endpoint, method, endpoint.path(), params);
              requests++;
            }
          }
        }
      }
    }
    assertTrue(requests > 1000, requests + " requests");
    assertEquals(before, data(), "the data after " + requests + " hostile requests");
  }

  private static void check(Endpoint endpoint, HttpMethod method, String uri, String form) {
    String what = method + " " + uri.substring(0, Math.min(uri.length(), 200)) + (form == null ? ""
        : " form " + form.substring(0, Math.min(form.length(), 200)));
    var request = api.client().request(method, uri).timeout(TIMEOUT_MS);
    HttpResponse<Buffer> response;
    try {
      response = form == null ? request.send().await()
          : request.putHeader("content-type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer(form)).await();
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": no answer within " + TIMEOUT_MS + " ms (" + e + ")", e);
    }
    assertTrue(response.statusCode() < 500, what + ": " + response.statusCode() + " " + response.bodyAsString());
    if (response.statusCode() == 414) {
      // All the parameters overlong together: the request line itself is refused, before any route.
      assertTrue(uri.length() > HttpEdge.MAX_REQUEST_LINE - 20, what + ": 414 for a line of " + uri.length());
      assertEquals(414, response.bodyAsJsonObject().getInteger("status_code"), what);
      return;
    }
    String type = response.getHeader("content-type");
    assertTrue(type != null && type.startsWith("application/json"), what + ": " + type);
    JsonObject body = response.bodyAsJsonObject();
    assertTrue(body.getValue("status_code") instanceof Integer, what + ": " + body.encode());
    assertTrue(body.getValue("status_msg") instanceof String, what + ": " + body.encode());
    if (method != endpoint.method()) {
      assertEquals(405, response.statusCode(), what);
      return;
    }
    Set<String> fields = body.fieldNames();
    for (String field : endpoint.fields()) {
      assertTrue(fields.contains(field), what + ": no " + field + " in " + body.encode());
    }
  }
}
