package verticles.observability;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.support.Api;
import verticles.support.JarProcess;
import verticles.support.OtlpReceiver;
import verticles.support.Poll;
import verticles.support.TestApp;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar with JSON logs and tracing on (without the favorite, comment, relation and message
 * domains, so reads log their degradation): each request has one access-log line with its route,
 * status, user id and trace id, a warning logged while serving a request carries that request's
 * trace id, and no line carries a token, however the token was sent, nor a password.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LogsIT {
  @Test
  void requestsAreLoggedWithTheirTraceIdsAndNeverWithTheirTokens(Vertx vertx) throws Exception {
    int port = TestApp.freePort();
    try (OtlpReceiver receiver = new OtlpReceiver();
         JarProcess server = JarProcess.start(Map.of(
             "VERTOK_HTTP_PORT", Integer.toString(port),
             "VERTOK_DATA_DIR", Files.createTempDirectory("vertok-logs").toString(),
             "VERTOK_BCRYPT_COST", "4",
             "VERTOK_ROLES", "gateway,user,video",
             "VERTOK_LOG_FORMAT", "json",
             "VERTOK_TRACING", "true",
             "VERTOK_TRACING_ENDPOINT", receiver.endpoint()))) {
      Api api = new Api(vertx, port);
      Api.Reply registered = Poll.value("the server to listen", Duration.ofSeconds(60), () -> {
        assertTrue(server.isAlive(), () -> "the server did not come up:\n" + server.output());
        try {
          return api.post("/douyin/user/register/", "username", "logged", "password", "secret123");
        } catch (Exception e) {
          return null; // connection refused until the server listens
        }
      });
      String token = registered.body().getString("token");
      long id = registered.body().getLong("user_id");
      assertEquals(0, api.get("/douyin/user/", "token", token).code());
      assertEquals(0, api.get("/douyin/feed/", "token", token, "latest_time", "1").code());
      var encodedName = api.client().get("/douyin/user/?user_id=" + id + "&%74oKen=" + token).send().await();
      assertEquals(200, encodedName.statusCode());
      var bearer = api.client().get("/douyin/user/").putHeader("Authorization", "Bearer " + token).send().await();
      assertEquals(200, bearer.statusCode());
      assertEquals(404, api.get("/no/such/path", "token", token).status());
      // The app sends the password in the query.
      assertEquals(0, api.postQuery("/douyin/user/login/", "username", "logged", "password", "secret123").code());
      api.close();

      List<JsonObject> lines = Poll.value("the access-log lines of the seven requests", Duration.ofSeconds(30), () -> {
        List<JsonObject> access = jsonLines(server.output()).stream()
            .filter(l -> "vertok.access".equals(l.getString("loggerName"))).toList();
        return access.size() >= 7 ? access : null;
      });
      String output = server.output();
      assertFalse(output.contains(token), "no log line carries the token:\n" + output);
      assertFalse(output.contains(token.substring(token.lastIndexOf('.') + 1)), "not even its signature");
      assertFalse(output.contains("secret123"), "no log line carries a password:\n" + output);

      JsonObject info = lines.stream().filter(l -> l.getString("formattedMessage").startsWith("GET /douyin/user/?token=***"))
          .findFirst().orElseThrow(() -> new AssertionError("no access line of GET /douyin/user/: " + lines));
      String message = info.getString("formattedMessage");
      assertTrue(message.contains(" route=/douyin/user ") && message.contains(" status=200 ")
          && message.contains(" user_id=" + id), message);
      String traceId = info.getJsonObject("mdc").getString("trace_id");
      assertTrue(traceId != null && traceId.matches("[0-9a-f]{32}"), "the access line carries the trace id: " + info);
      Poll.until("the request's span at the receiver", Duration.ofSeconds(30), () -> receiver.spans().stream()
          .anyMatch(s -> s.traceId().equals(traceId) && s.kind().equals("SPAN_KIND_SERVER")));
      assertTrue(lines.stream().anyMatch(l -> l.getString("formattedMessage").contains("&%74oKen=***")), lines.toString());
      assertTrue(lines.stream().anyMatch(l -> l.getString("formattedMessage").startsWith("GET /no/such/path?token=***")
          && l.getString("formattedMessage").contains(" route=- status=404 ")), lines.toString());

      List<String> requestTraces = lines.stream().map(l -> l.getJsonObject("mdc").getString("trace_id")).toList();
      List<JsonObject> degraded = jsonLines(output).stream()
          .filter(l -> l.getString("formattedMessage").startsWith("reads degraded")).toList();
      assertFalse(degraded.isEmpty(), output);
      assertTrue(degraded.stream().allMatch(l -> requestTraces.contains(l.getJsonObject("mdc").getString("trace_id"))),
          "a warning logged while serving a request carries the request's trace id:\n" + output);
    }
  }

  private static List<JsonObject> jsonLines(String output) {
    return output.lines().filter(l -> l.startsWith("{")).map(JsonObject::new).toList();
  }
}
