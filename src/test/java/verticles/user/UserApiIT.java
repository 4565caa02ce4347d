package verticles.user;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.TestApp;
import verticles.support.Poll;
import verticles.support.OneNodePerClass;
import verticles.support.Api.Reply;
import verticles.support.Users;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Register, login, user info and the gateway's envelope, over HTTP, on a whole node. */
class UserApiIT extends OneNodePerClass {



  @Test
  void registerLoginAndReadTheProfile() {
    String name = Users.uniqueName("alice");
    Reply registered = api.post("/douyin/user/register/", "username", name, "password", "secret123");
    assertEquals(200, registered.status());
    assertEquals(0, registered.code(), registered.toString());
    long id = registered.body().getLong("user_id");
    assertTrue(id > 0);
    assertFalse(registered.body().getString("token").isEmpty());

    Reply login = api.post("/douyin/user/login/", "username", name, "password", "secret123");
    assertEquals(0, login.code(), login.toString());
    assertEquals(id, login.body().getLong("user_id"));
    String token = login.body().getString("token");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    assertEquals(Set.of("sub", "exp"), claims.fieldNames(), "the token carries the user id and expiry only");
    assertEquals(Long.toString(id), claims.getString("sub"));

    Reply mine = api.get("/douyin/user/", "token", token);
    assertEquals(0, mine.code(), mine.toString());
    JsonObject user = mine.body().getJsonObject("user");
    assertEquals(id, user.getLong("id"));
    assertEquals(name, user.getString("name"));
    assertCompleteUser(user);

    Reply byId = api.get("/douyin/user", "user_id", Long.toString(id));
    assertEquals(0, byId.code(), byId.toString());
    assertEquals(name, byId.body().getJsonObject("user").getString("name"));
  }

  @Test
  void bothSlashVariantsAndQueryOrFormParametersWork() {
    String name = Users.uniqueName("slash");
    Reply registered = api.postQuery("/douyin/user/register", "username", name, "password", "secret123");
    assertEquals(0, registered.code(), registered.toString());
    assertEquals(0, api.postQuery("/douyin/user/login/", "username", name, "password", "secret123").code());
    assertEquals(0, api.post("/douyin/user/login", "username", name, "password", "secret123").code());
    var multipart = MultipartForm.create()
        .attribute("username", name).attribute("password", "secret123");
    Reply viaMultipart = Api.reply(api.client().post("/douyin/user/login/").sendMultipartForm(multipart).await());
    assertEquals(0, viaMultipart.code(), viaMultipart.toString());
  }

  @Test
  void theDefaultImagesAreServedAsPngs() {
    Users.Account account = Users.register(api, "img");
    JsonObject user = api.get("/douyin/user/", "user_id", Long.toString(account.id())).body().getJsonObject("user");
    for (String field : new String[] {"avatar", "background_image"}) {
      String url = user.getString(field);
      assertTrue(url.startsWith("http://127.0.0.1:" + app.port() + "/"), url);
      var response = api.client().getAbs(url).send().await();
      assertEquals(200, response.statusCode(), url);
      assertEquals("image/png", response.getHeader("content-type"));
      byte[] png = response.body().getBytes();
      assertEquals((byte) 0x89, png[0]);
      assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
    }
    assertFalse(user.getString("signature").isBlank());
  }

  @Test
  void aTakenUsernameFailsAndChangesNothing() {
    String name = Users.uniqueName("taken");
    assertEquals(0, api.post("/douyin/user/register/", "username", name, "password", "first-pass").code());
    Reply again = api.post("/douyin/user/register/", "username", name, "password", "second-pass");
    assertEquals(200, again.status());
    assertEquals(409, again.code());
    assertTrue(again.message().contains("taken"), again.message());
    assertEquals(401, api.post("/douyin/user/login/", "username", name, "password", "second-pass").code());
    assertEquals(0, api.post("/douyin/user/login/", "username", name, "password", "first-pass").code());
  }

  @Test
  void concurrentRegistrationsOfOneNameCreateOneUser() {
    String name = Users.uniqueName("race");
    var futures = new ArrayList<Future<?>>();
    for (int i = 0; i < 8; i++) {
      futures.add(api.client().post("/douyin/user/register/").sendForm(Api.pairs("username", name, "password", "secret123")));
    }
    Future.join(futures).await();
    long successes = futures.stream()
        .filter(f -> f.succeeded() && ((HttpResponse<?>) f.result()).bodyAsJsonObject().getInteger("status_code") == 0)
        .count();
    assertEquals(1, successes);
  }

  @Test
  void usernamesFollowTheContract() {
    assertRegisterFails("", "secret123", "username");
    assertRegisterFails("   ", "secret123", "username");
    assertRegisterFails("a".repeat(33), "secret123", "username");
    assertRegisterFails("bad\u0007name", "secret123", "control");
    assertRegisterFails("line\nbreak", "secret123", "control");
    assertRegisterFails("\u200B\u200C\u200D", "secret123", "invisible");
    assertRegisterFails("\u202E\u2066\u2069", "secret123", "invisible");
    assertRegisterFails("admin\u202Enimda", "secret123", "invisible");
    assertRegisterFails("a\u200Bb", "secret123", "invisible");
    assertRegisterFails("\u3164\u3164", "secret123", "visible");
    assertRegisterFails("\u0301\u0301", "secret123", "visible");
    assertRegisterFails("\uE000x", "secret123", "invisible");

    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67" + Users.uniqueName("");
    assertEquals(0, api.post("/douyin/user/register/", "username", family, "password", "secret123").code(),
        "a joiner inside an emoji sequence is part of the emoji");

    String suffix = Users.uniqueName("");
    String decomposed = "Jose\u0301" + suffix;
    Reply nfd = api.post("/douyin/user/register/", "username", decomposed, "password", "secret123");
    assertEquals(0, nfd.code(), nfd.toString());
    assertEquals("Jos\u00E9" + suffix, api.get("/douyin/user/", "token", nfd.body().getString("token"))
        .body().getJsonObject("user").getString("name"), "kept in NFC");
    assertEquals(nfd.body().getLong("user_id"), api.post("/douyin/user/login/", "username", "Jos\u00E9" + suffix,
        "password", "secret123").body().getLong("user_id"), "either form logs in");
    assertEquals(0, api.post("/douyin/user/login/", "username", decomposed, "password", "secret123").code());
    assertNotEquals(0, api.post("/douyin/user/register/", "username", "Jos\u00E9" + suffix, "password", "secret123").code(),
        "the composed form is the same name");

    String emoji = "😀".repeat(32);
    Reply ok = api.post("/douyin/user/register/", "username", emoji, "password", "secret123");
    assertEquals(0, ok.code(), "32 emoji are 32 characters: " + ok);
    assertEquals(emoji, api.get("/douyin/user/", "user_id", ok.body().getLong("user_id").toString())
        .body().getJsonObject("user").getString("name"));

    String padded = Users.uniqueName("pad");
    Reply trimmed = api.post("/douyin/user/register/", "username", "  " + padded + "\t", "password", "secret123");
    assertEquals(0, trimmed.code(), trimmed.toString());
    assertEquals(0, api.post("/douyin/user/login/", "username", padded, "password", "secret123").code());

    String tricky = "O'B\"; DROP TABLE users;--" + Users.uniqueName("").substring(1);
    Reply sql = api.post("/douyin/user/register/", "username", tricky, "password", "secret123");
    assertEquals(0, sql.code(), sql.toString());
    assertEquals(tricky, api.get("/douyin/user/", "token", sql.body().getString("token"))
        .body().getJsonObject("user").getString("name"));
  }

  @Test
  void passwordsFollowTheContract() {
    assertRegisterFails(Users.uniqueName("short"), "12345", "password");
    assertRegisterFails(Users.uniqueName("long"), "x".repeat(33), "password");
    assertRegisterFails(Users.uniqueName("none"), "", "password");
    // 32 CJK characters are 96 bytes of UTF-8, past bcrypt's 72: every character must still count.
    String name = Users.uniqueName("cjk");
    String password = "密".repeat(31) + "码";
    assertEquals(0, api.post("/douyin/user/register/", "username", name, "password", password).code());
    assertEquals(0, api.post("/douyin/user/login/", "username", name, "password", password).code());
    assertEquals(401, api.post("/douyin/user/login/", "username", name, "password", "密".repeat(32)).code());
  }

  @Test
  void missingParametersAreNamed() {
    Reply noPassword = api.post("/douyin/user/register/", "username", Users.uniqueName("np"));
    assertEquals(400, noPassword.code());
    assertTrue(noPassword.message().contains("password"), noPassword.message());
    Reply noName = api.post("/douyin/user/register/", "password", "secret123");
    assertTrue(noName.message().contains("username"), noName.message());
    assertEquals(400, api.post("/douyin/user/login/").code());
  }

  @Test
  void wrongPasswordAndUnknownUserLookTheSame() {
    Users.Account account = Users.register(api, "login");
    Reply wrong = api.post("/douyin/user/login/", "username", account.name(), "password", "not-the-password");
    Reply unknown = api.post("/douyin/user/login/", "username", Users.uniqueName("ghost"), "password", "secret123");
    assertEquals(401, wrong.code());
    assertEquals(wrong.body(), unknown.body());
  }

  @Test
  void badUserIdsAreClearFailures() {
    assertFailureNaming(api.get("/douyin/user/", "user_id", "abc"), "user_id");
    assertFailureNaming(api.get("/douyin/user/", "user_id", "99999999999999999999"), "user_id");
    assertFailureNaming(api.get("/douyin/user/", "user_id", "-1"), "user_id");
    assertFailureNaming(api.get("/douyin/user/", "user_id", "0"), "user_id");
    Reply unknown = api.get("/douyin/user/", "user_id", "987654321");
    assertEquals(200, unknown.status());
    assertEquals(404, unknown.code());
    Reply anonymous = api.get("/douyin/user/");
    assertEquals(401, anonymous.code(), "without user_id the token is required");
  }

  @Test
  void badTokensAreRefusedWhereATokenIsRequired() {
    Users.Account account = Users.register(api, "tok");
    String secret = app.config().string(Setting.JWT_SECRET);
    long past = System.currentTimeMillis() / 1000 - 60;
    String expired = jwt(secret).generateToken(new JsonObject().put("sub", Long.toString(account.id())).put("exp", past),
        new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
    String otherKey = jwt("another-secret-entirely-0123456789abcdef").generateToken(new JsonObject(),
        new JWTOptions().setAlgorithm("HS256").setSubject(Long.toString(account.id())).setExpiresInMinutes(10));
    String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
        + b64("{\"sub\":\"" + account.id() + "\",\"exp\":" + (past + 3600) + "}") + ".";
    String[] parts = account.token().split("\\.");
    String tampered = parts[0] + "." + b64("{\"sub\":\"1\",\"exp\":" + (past + 3600) + "}") + "." + parts[2];

    for (String bad : new String[] {"garbage", "a.b.c", expired, otherKey, unsigned, tampered, " "}) {
      Reply reply = api.get("/douyin/user/", "token", bad);
      assertEquals(200, reply.status());
      assertEquals(401, reply.code(), "token " + bad + " gave " + reply);
    }
    // Where the token is optional, a bad one is ignored rather than failing the read.
    Reply publicRead = api.get("/douyin/user/", "user_id", Long.toString(account.id()), "token", "garbage");
    assertEquals(0, publicRead.code(), publicRead.toString());
    assertEquals(0, api.get("/douyin/user/", "token", account.token()).code());
  }

  @Test
  void unknownRoutesAndWrongMethodsAnswerTheEnvelope() {
    Reply missing = api.get("/douyin/nothing/here/");
    assertEquals(404, missing.status());
    assertNotEquals(0, missing.code());
    Reply outside = api.get("/nothing-here");
    assertEquals(404, outside.status());
    Reply wrongMethod = api.get("/douyin/user/register/");
    assertEquals(405, wrongMethod.status(), wrongMethod.toString());
    assertNotEquals(0, wrongMethod.code());
  }

  @Test
  void aFormBodyOverTheLimitIs413() {
    Reply reply = api.post("/douyin/user/register/", "username", "x".repeat(40_000), "password", "y".repeat(40_000));
    assertEquals(413, reply.status());
    assertEquals(413, reply.code());
  }

  @Test
  void corsPreflightIsAnswered() {
    var response = api.client().request(HttpMethod.OPTIONS, "/douyin/user/login/")
        .putHeader("Origin", "http://app.example")
        .putHeader("Access-Control-Request-Method", "POST")
        .send().await();
    assertTrue(response.statusCode() == 200 || response.statusCode() == 204, "preflight: " + response.statusCode());
    assertEquals("*", response.getHeader("Access-Control-Allow-Origin"));
  }

  @Test
  void healthReportsTheUserDomain() {
    Reply health = Api.reply(api.client().get("/health").send().await());
    JsonObject user = health.body().getJsonObject("domains").getJsonObject("user");
    assertEquals("UP", user.getString("status"), health.toString());
    assertEquals("CLOSED", user.getString("breaker"));
    assertEquals(List.of(), user.getJsonArray("routes").getList(), "no cluster: the plain addresses, no node routes");
  }

  @Test
  void healthReportsRedisWhenConfigured() {
    // The services profile runs this with the machine's Redis, the default run without one. A
    // client's first command also opens its connection, which may take longer than a command.
    String expected = TestApp.redisUrl().isEmpty() ? "OFF" : "UP";
    Reply health = Poll.value("/health to show Redis " + expected, Duration.ofSeconds(30), () -> {
      Reply reply = Api.reply(api.client().get("/health").send().await());
      return expected.equals(reply.body().getJsonObject("redis").getString("status")) ? reply : null;
    });
    assertEquals(200, health.status(), "Redis never fails /health: " + health);
  }

  @Test
  void aStartedNodeIsReady() {
    Reply ready = Api.reply(api.client().get("/ready").send().await());
    assertEquals(200, ready.status(), ready.toString());
    assertEquals("UP", ready.body().getString("status"));
  }

  static void assertCompleteUser(JsonObject user) {
    for (String field : new String[] {"id", "follow_count", "follower_count", "total_favorited", "work_count", "favorite_count"}) {
      assertTrue(user.getValue(field) instanceof Number, field + " in " + user);
    }
    assertTrue(user.getValue("is_follow") instanceof Boolean, "is_follow in " + user);
    for (String field : new String[] {"name", "avatar", "background_image", "signature"}) {
      assertTrue(user.getValue(field) instanceof String s && !s.isEmpty(), field + " in " + user);
    }
  }

  private static void assertRegisterFails(String username, String password, String mentioned) {
    Reply reply = api.post("/douyin/user/register/", "username", username, "password", password);
    assertEquals(200, reply.status());
    assertEquals(400, reply.code(), "register " + username + " / " + password + ": " + reply);
    assertTrue(reply.message().contains(mentioned), reply.message());
    if (!username.isBlank()) {
      assertEquals(401, api.post("/douyin/user/login/", "username", username.strip(), "password", password.isEmpty() ? "secret123" : password).code());
    }
  }

  private static void assertFailureNaming(Reply reply, String parameter) {
    assertEquals(200, reply.status(), reply.toString());
    assertEquals(400, reply.code(), reply.toString());
    assertTrue(reply.message().contains(parameter), reply.message());
  }

  private static JWTAuth jwt(String secret) {
    return JWTAuth.create(app.vertx(), new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
