package verticles.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import verticles.Role;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.Burst;
import verticles.support.Clips;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rate limits of an embedded node (its own buckets, no cluster), over HTTP: beyond each limit
 * a 429 with {@code Retry-After} and the envelope of the endpoint, and nothing done; repeated
 * wrong passwords lengthen the wait before the next login of that name; a refusal waits the
 * refusal delay; uploads beyond the hourly limit publish nothing; /health names the mode.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RateLimitIT {
  private Vertx vertx;
  private TestApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    vertx.close().await();
  }

  private Api start(JsonObject limits) {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx, limits.put(Setting.RATE_LIMITS.key(), true), Role.parse("all"));
    return app.api();
  }

  @Test
  void registersBeyondTheLimitAre429WithRetryAfterAndCreateNoAccount() {
    Api api = start(new JsonObject().put(Setting.RATE_REGISTER_PER_IP_PER_MINUTE.key(), 3));
    for (int i = 0; i < 3; i++) {
      assertEquals(0, api.post("/douyin/user/register/", "username", "admitted" + i, "password", "secret123").code());
    }
    Api.Reply refused = api.post("/douyin/user/register/", "username", "refused", "password", "secret123");
    assertEquals(429, refused.status(), refused.toString());
    assertEquals(429, refused.code());
    assertTrue(refused.message().contains("3 registers per minute from one address"), refused.message());
    long retryAfter = Long.parseLong(refused.raw().getHeader("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 20, "a token comes back every 20 s: " + retryAfter);
    assertEquals(0L, refused.body().getLong("user_id"));
    assertEquals("", refused.body().getString("token"));
    Api.Reply login = api.post("/douyin/user/login/", "username", "refused", "password", "secret123");
    assertEquals(200, login.status(), "the refused register created no account: " + login);
    assertTrue(login.code() != 0, login.toString());
    assertEquals(429, register(api, "203.0.113.9").status(), "without trusted proxies X-Forwarded-For is not read");
    assertEquals("local", api.get("/health").body().getJsonObject("rate_limits").getString("mode"));
  }

  @Test
  void aRefusalIsAnsweredAfterTheRefusalDelay() {
    Api api = start(new JsonObject()
        .put(Setting.RATE_REGISTER_PER_IP_PER_MINUTE.key(), 1)
        .put(Setting.RATE_REFUSAL_DELAY_MS.key(), 700));
    assertEquals(0, api.post("/douyin/user/register/", "username", Users.uniqueName("first"), "password", "secret123").code());
    long sent = System.nanoTime();
    Api.Reply refused = api.post("/douyin/user/register/", "username", Users.uniqueName("second"), "password", "secret123");
    long tookMs = (System.nanoTime() - sent) / 1_000_000;
    assertEquals(429, refused.status(), refused.toString());
    assertTrue(tookMs >= 700, "the 429 waited the refusal delay (the bucket refills in a minute): " + tookMs + " ms");
    assertEquals(60, Long.parseLong(refused.raw().getHeader("Retry-After")), "Retry-After counts from the refusal");
  }

  @Test
  void behindATrustedProxyTheForwardedClientCountsAndElseThePeer() {
    Api api = start(new JsonObject()
        .put(Setting.RATE_REGISTER_PER_IP_PER_MINUTE.key(), 1)
        .put(Setting.TRUSTED_PROXIES.key(), "10.9.9.9, 127.0.0.1"));
    // Through the trusted proxy (this test's peer address): each forwarded client has its own limit,
    // whatever the client wrote further left; a proxy named in the list is skipped.
    assertEquals(0, register(api, "203.0.113.7, 198.51.100.1").code());
    assertEquals(0, register(api, "198.51.100.2, 10.9.9.9").code());
    assertEquals(429, register(api, "203.0.113.7, 198.51.100.1").status(), "198.51.100.1 used its one register");
    assertEquals(0, register(api, "198.51.100.1, 198.51.100.3").code(), "the forged left part does not count");
    // A forwarded address longer than any IP address (45 characters) is not believed: the proxy's
    // own address counts (its first register, then its refusal).
    assertEquals(0, register(api, "x".repeat(46)).code());
    assertEquals(429, register(api, "y".repeat(46)).status());
  }

  /** A register sent with {@code X-Forwarded-For: forwardedFor}. */
  private static Api.Reply register(Api api, String forwardedFor) {
    return Api.reply(api.client().post("/douyin/user/register/").putHeader("X-Forwarded-For", forwardedFor)
        .sendForm(Api.pairs("username", Users.uniqueName("proxied"), "password", "secret123")).await());
  }

  @Test
  void uploadsBeyondTheHourlyLimitAre429AndPublishNothing(@TempDir Path tmp) {
    Api api = start(new JsonObject().put(Setting.RATE_UPLOADS_PER_USER_PER_HOUR.key(), 2));
    Users.Account author = Users.register(api, "uploader");
    Path clip = Clips.mp4(tmp.resolve("clip.mp4"), 1);
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Api.Reply reply = api.postMultipart("/douyin/publish/action/", MultipartForm.create().attribute("token", author.token())
          .attribute("title", "upload " + i).binaryFileUpload("data", "clip.mp4", clip.toString(), "video/mp4"));
      codes.add(reply.code());
      if (i == 2) {
        assertEquals(429, reply.status(), reply.toString());
        assertTrue(reply.message().contains("2 uploads per hour for one user"), reply.message());
        assertTrue(Long.parseLong(reply.raw().getHeader("Retry-After")) > 60, "the next upload in half an hour: " + reply);
      }
    }
    assertEquals(List.of(0, 0, 429), codes);
    JsonArray published = api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()), "token", author.token())
        .body().getJsonArray("video_list");
    assertEquals(2, published.size(), "the refused upload published nothing: " + published);
  }

  @Test
  void wrongPasswordsLengthenTheWaitAndASuccessClearsIt() {
    Api api = start(new JsonObject()
        .put(Setting.RATE_LOGIN_FREE_FAILURES.key(), 2)
        .put(Setting.RATE_LOGIN_BACKOFF_MS.key(), 1000)
        // The waits below are polled: the per-minute limits must not be what refuses.
        .put(Setting.RATE_LOGIN_PER_IP_PER_MINUTE.key(), 10_000)
        .put(Setting.RATE_LOGIN_PER_USER_PER_MINUTE.key(), 10_000));
    String name = Users.register(api, "victim").name();
    assertWrongPassword(login(api, name, "wrong"));
    assertWrongPassword(login(api, name, "wrong"));
    Api.Reply waiting = login(api, name, "secret123");
    assertEquals(1, retryAfter(waiting), "after the free failures, the base wait; even the right password waits: " + waiting);

    assertWrongPassword(Poll.value("the wait to pass", Duration.ofSeconds(10), () -> admitted(login(api, name, "wrong"))));
    assertEquals(2, retryAfter(login(api, name, "secret123")), "one more failure doubles the wait");

    Api.Reply success = Poll.value("the wait to pass", Duration.ofSeconds(10), () -> admitted(login(api, name, "secret123")));
    assertEquals(0, success.code(), success.toString());
    assertWrongPassword(login(api, name, "wrong"));
    assertWrongPassword(login(api, name, "wrong"));
    assertEquals(1, retryAfter(login(api, name, "wrong")), "the success cleared the count: the base wait again");
  }

  @Test
  void readsAndWritesBeyondTheirLimitsAre429() {
    Api api = start(new JsonObject()
        .put(Setting.RATE_READS_PER_IP_PER_SECOND.key(), 5)
        .put(Setting.RATE_WRITES_PER_USER_PER_SECOND.key(), 3));
    WebClient client = Burst.client(app, 20);
    List<Future<HttpResponse<Buffer>>> reads = Burst.of(40, i -> client.get("/douyin/feed/").send());
    assertLimited(reads, 5);

    Users.Account fan = Users.register(api, "fan");
    Users.Account star = Users.register(api, "star");
    List<Future<HttpResponse<Buffer>>> writes = Burst.of(40, i -> client.post("/douyin/relation/action/")
        .addQueryParam("token", fan.token()).addQueryParam("to_user_id", Long.toString(star.id()))
        .addQueryParam("action_type", i % 2 == 0 ? "1" : "2").send());
    assertLimited(writes, 3);
    client.close();
  }

  /** At least {@code limit} of {@code requests} succeeded, and the rest beyond are 429s with the envelope and Retry-After. */
  private static void assertLimited(List<Future<HttpResponse<Buffer>>> requests, int limit) {
    Future.join(requests).await();
    int admitted = 0;
    int refused = 0;
    for (Future<HttpResponse<Buffer>> request : requests) {
      HttpResponse<Buffer> response = request.result();
      if (response.statusCode() == 429) {
        refused++;
        assertEquals(429, response.bodyAsJsonObject().getInteger("status_code"), response.bodyAsString());
        assertTrue(Long.parseLong(response.getHeader("Retry-After")) >= 1, response.headers().toString());
      } else {
        admitted++;
        assertEquals(0, response.bodyAsJsonObject().getInteger("status_code"), response.bodyAsString());
      }
    }
    assertTrue(admitted >= limit && refused > 0, admitted + " admitted, " + refused + " refused, limit " + limit);
  }

  private static Api.Reply login(Api api, String name, String password) {
    return api.post("/douyin/user/login/", "username", name, "password", password);
  }

  private static Api.Reply admitted(Api.Reply reply) {
    return reply.status() == 429 ? null : reply;
  }

  private static void assertWrongPassword(Api.Reply reply) {
    assertEquals(200, reply.status(), reply.toString());
    assertTrue(reply.code() != 0 && reply.code() != 429, reply.toString());
  }

  private static long retryAfter(Api.Reply reply) {
    assertEquals(429, reply.status(), reply.toString());
    assertEquals(429, reply.code(), reply.toString());
    assertEquals("", reply.body().getString("token"), reply.toString());
    return Long.parseLong(reply.raw().getHeader("Retry-After"));
  }
}
