package verticles.common.cache;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Load;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.PrivateRedis;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A private Redis is paused (SIGSTOP), resumed, stopped and started again (empty) under load: every
 * request succeeds throughout, /health shows Redis DEGRADED while it is away and UP once it is
 * back, and a node's client fails its commands while Redis is away (first by its command timeout,
 * then at once from its open breaker) and works again afterwards.
 */
class RedisFaultIT extends OneNodePerClass {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final int CONNECTIONS = 16;
  private static PrivateRedis redis;

  @Override
  protected JsonObject settings() {
    redis = PrivateRedis.start();
    return new JsonObject().put(Setting.REDIS_URL.key(), redis.url()).put(Setting.REDIS_PREFIX.key(), "vertok_fault");
  }

  @AfterAll
  void stopRedis() {
    redis.close();
  }

  @Test
  void requestsSucceedAndHealthFollowsRedisThroughPausesAndRestarts() throws Exception {
    Account user = Users.register(api, "redis_fault");
    // A client's first command also opens its connection, which may take longer than a command.
    Poll.until("/health to show Redis UP", WITHIN, () -> "UP".equals(redisHealth().getString("status")));
    RedisCache client = RedisCache.create(app.vertx(), app.config());
    Load load = Load.start(app.vertx(), CONNECTIONS, () -> new Load.Request("user info", true,
        () -> api.client().get("/douyin/user/").addQueryParam("user_id", Long.toString(user.id()))
            .addQueryParam("token", user.token()).send()));
    try {
      Poll.until("the test's client to reach Redis", WITHIN, () -> pings(client));

      redis.pause();
      Poll.until("/health to show Redis DEGRADED while paused", WITHIN, () -> "DEGRADED".equals(redisHealth().getString("status")));
      assertBreakerOpens(client);
      redis.resume();
      Poll.until("/health to show Redis UP once resumed", WITHIN, () -> "UP".equals(redisHealth().getString("status")));
      Poll.until("the client's breaker to let commands through again", WITHIN, () -> pings(client));

      redis.stop();
      Poll.until("/health to show Redis DEGRADED while stopped", WITHIN, () -> "DEGRADED".equals(redisHealth().getString("status")));
      assertBreakerOpens(client);
      redis.launch();
      Poll.until("/health to show Redis UP once started again", WITHIN, () -> "UP".equals(redisHealth().getString("status")));
      Poll.until("the client to work with the new server", WITHIN, () -> pings(client));
    } finally {
      List<Load.Call> calls = load.stop();
      client.close().await();
      assertTrue(calls.size() > CONNECTIONS, "the load ran: " + calls.size() + " calls");
      assertEquals(List.of(), Load.failed(calls, true), "no request failed while Redis was away");
    }
  }

  /** Commands fail while Redis is away, and once the breaker has seen enough failures it refuses at once. */
  private static void assertBreakerOpens(RedisCache client) {
    int failures = app.config().integer(Setting.BREAKER_MAX_FAILURES);
    Future<Response> ping = null;
    for (int i = 0; i <= failures; i++) {
      ping = client.send(Request.cmd(Command.PING));
      try {
        ping.await();
      } catch (Exception expected) {
        // Await rethrows the failure as it is (a ConnectException too); checked below.
      }
      assertTrue(ping.failed(), "a command fails while Redis is away");
    }
    assertInstanceOf(OpenCircuitException.class, ping.cause(), "the breaker is open after " + failures + " failures");
  }

  private static boolean pings(RedisCache client) {
    try {
      return "PONG".equals(client.send(Request.cmd(Command.PING)).await().toString());
    } catch (Exception e) {
      // Await rethrows the connection's failure as it is (a ConnectException too).
      return false;
    }
  }

  private static JsonObject redisHealth() {
    return api.get("/health").body().getJsonObject("redis");
  }
}
