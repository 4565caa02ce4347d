package verticles.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.BridgeClient;
import verticles.support.LogCapture;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.user.OperatorAccounts;
import verticles.user.OperatorRole;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both bridges let signed-in operators through to the addresses of their role and refuse, and
 * log, everything else: no token, a wrong password, a forged or expired token, an app user's
 * token, an address beyond the role.
 */
class BridgeSecurityIT extends OneNodePerClass {
  private static final int BRIDGE_PORT = TestApp.freePort();
  private static final String VIEWER = "ops-viewer";
  private static final String ADMIN = "ops-admin";
  private static final String PASSWORD = "a-long-operator-password";
  private LogCapture logged;

  @Override
  protected String roles() {
    return "gateway,user";
  }

  @Override
  protected JsonObject settings() {
    return new JsonObject().put("bridge_port", BRIDGE_PORT).put("admin_bridge", true);
  }

  @BeforeAll
  void addOperators(Vertx vertx) {
    OperatorAccounts.add(vertx, app.node().database(), 4, VIEWER, OperatorRole.VIEWER, PASSWORD).await();
    OperatorAccounts.add(vertx, app.node().database(), 4, ADMIN, OperatorRole.ADMIN, PASSWORD).await();
    logged = LogCapture.of(BridgeAccess.class);
  }

  @AfterAll
  void stopCapture() {
    logged.close();
  }

  @Test
  void aSignedInViewerReadsOverTheTcpBridge(Vertx vertx) {
    Users.Account account = Users.register(api, "tool");
    try (BridgeClient tool = BridgeClient.tcp(vertx, BRIDGE_PORT)) {
      JsonObject session = tool.signIn(VIEWER, PASSWORD);
      assertEquals("viewer", session.getString("role"));
      assertEquals(15 * 60, session.getInteger("expires_in"));
      JsonObject reply = tool.request("user.getMany", ids(account.id()), session.getString("token"));
      assertEquals("message", reply.getString("type"), reply.encode());
      assertEquals(account.name(), reply.getJsonObject("body").getJsonArray("users").getJsonObject(0).getString("name"));
    }
  }

  @Test
  void aSignedInViewerReadsOverTheSockJsBridge(Vertx vertx) {
    Users.Account account = Users.register(api, "browser");
    try (BridgeClient console = BridgeClient.sockJs(vertx, app.port(), AdminBridge.PATH + "websocket")) {
      JsonObject session = console.signIn(VIEWER, PASSWORD);
      JsonObject reply = console.request("user.getMany", ids(account.id()), session.getString("token"));
      assertEquals("rec", reply.getString("type"), reply.encode());
      assertEquals(account.name(), reply.getJsonObject("body").getJsonArray("users").getJsonObject(0).getString("name"));
      JsonObject refused = console.request("user.getMany", ids(account.id()), null);
      assertEquals("err", refused.getString("type"), refused.encode());
    }
    Poll.until("the SockJS refusal is logged", Duration.ofSeconds(5),
        () -> logged.has("refused send to user.getMany", "no operator token"));
  }

  @Test
  void aFrameWithoutATokenIsRefusedAndLogged(Vertx vertx) {
    try (BridgeClient tool = BridgeClient.tcp(vertx, BRIDGE_PORT)) {
      assertRefused(tool.request("user.getMany", ids(1), null));
    }
    Poll.until("the refusal is logged", Duration.ofSeconds(5),
        () -> logged.has("refused send to user.getMany by operator - from 127.0.0.1", "no operator token"));
  }

  @Test
  void aWrongPasswordGetsNoToken(Vertx vertx) {
    try (BridgeClient tool = BridgeClient.tcp(vertx, BRIDGE_PORT)) {
      JsonObject reply = tool.request("bridge.login", new JsonObject().put("name", VIEWER).put("password", "wrong-password-1"), null);
      assertEquals("err", reply.getString("type"), reply.encode());
      assertEquals(401, reply.getInteger("failureCode"), reply.encode());
      JsonObject unknown = tool.request("bridge.login", new JsonObject().put("name", "nobody").put("password", PASSWORD), null);
      assertEquals(unknown.getString("message"), reply.getString("message"), "an unknown name is answered as a wrong password");
    }
    Poll.until("the refused sign-in is logged", Duration.ofSeconds(5),
        () -> logged.has("sign-in refused for operator '" + VIEWER + "'"));
  }

  @Test
  void aForgedOrExpiredTokenIsRefused(Vertx vertx) {
    String secret = app.config().string(Setting.JWT_SECRET);
    OperatorTokens.Operator admin = new OperatorTokens.Operator(ADMIN, OperatorRole.ADMIN);
    String expired = new OperatorTokens(vertx, secret, 15).issue(admin, System.currentTimeMillis() / 1000 - 60);
    String forged = new OperatorTokens(vertx, "another-secret-0123456789abcdefghijklmn", 15).issue(admin);
    try (BridgeClient tool = BridgeClient.tcp(vertx, BRIDGE_PORT)) {
      assertRefused(tool.request("user.getMany", ids(1), expired));
      assertRefused(tool.request("user.getMany", ids(1), forged));
      assertRefused(tool.request("user.getMany", ids(1), "not.a.token"));
    }
    Poll.until("the refusals are logged", Duration.ofSeconds(5),
        () -> logged.has("refused send to user.getMany", "operator token invalid or expired")
            && logged.has("refused send to user.getMany", "not an operator token"));
  }

  @Test
  void anAppUsersTokenIsNoOperatorsAndTheOtherWayRound(Vertx vertx) {
    Users.Account user = Users.register(api, "app");
    try (BridgeClient tool = BridgeClient.tcp(vertx, BRIDGE_PORT)) {
      assertRefused(tool.request("user.getMany", ids(user.id()), user.token()));
      String operatorToken = tool.signIn(ADMIN, PASSWORD).getString("token");
      // Without user_id the user info is the token's owner: a token is required there.
      Api.Reply asApp = api.get("/douyin/user/", "token", operatorToken);
      assertNotEquals(0, asApp.code(), asApp.toString());
      assertTrue(asApp.message().contains("token"), asApp.toString());
    }
    Poll.until("the refusal is logged", Duration.ofSeconds(5),
        () -> logged.has("refused send to user.getMany", "not an operator token"));
  }

  @Test
  void anAddressBeyondTheRoleIsRefused(Vertx vertx) {
    try (BridgeClient tool = BridgeClient.tcp(vertx, BRIDGE_PORT)) {
      String viewer = tool.signIn(VIEWER, PASSWORD).getString("token");
      assertRefused(tool.request("user.register", new JsonObject().put("username", "intruder").put("password", "secret123"), viewer));
      assertRefused(tool.request("user.operatorLogin", new JsonObject().put("name", ADMIN).put("password", PASSWORD), viewer));
      tool.send(new JsonObject().put("type", "register").put("address", "user.getMany")
          .put("headers", new JsonObject().put("token", viewer)));
      assertRefused(tool.next());
    }
    assertEquals(401, api.post("/douyin/user/login/", "username", "intruder", "password", "secret123").code());
    Poll.until("the refusals are logged", Duration.ofSeconds(5),
        () -> logged.has("refused send to user.register by operator " + VIEWER, "role viewer may not use it")
            && logged.has("refused register to user.getMany by operator " + VIEWER));
  }

  private static void assertRefused(JsonObject reply) {
    assertEquals("err", reply.getString("type"), reply.encode());
    assertTrue(reply.getString("message", "").contains("blocked"), reply.encode());
  }

  private static JsonObject ids(long... ids) {
    JsonArray list = new JsonArray();
    for (long id : ids) {
      list.add(id);
    }
    return new JsonObject().put("ids", list);
  }
}
