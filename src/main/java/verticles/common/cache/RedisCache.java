package verticles.common.cache;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A verticle instance's way to Redis (docs/caching.md): one pooled client with explicit pool and
 * waiting-queue sizes, every command bounded by {@code redis_timeout_ms} and sent through a
 * circuit breaker, so that a Redis that is stopped, paused or refusing costs a request at most
 * that timeout, and nothing once the breaker is open. Redis is an accelerator: every caller has a
 * way to answer without it, and a failed command is never the request's failure.
 *
 * <p>Without {@code redis_url} there is no client: {@link #enabled()} is false and every command
 * fails at once with {@link #OFF}. The protocol is RESP2 without a HELLO handshake (a refused
 * handshake leaks a socket in this client version; RESP2 answers plain arrays where RESP3 answers
 * maps). Keys start with {@code redis_prefix} (see {@link #key}), so deployments or test runs
 * that share a Redis do not meet.
 */
public final class RedisCache {
  /** What a command fails with when no Redis is configured. */
  public static final String OFF = "redis is not configured";
  /** A connection attempt gives up after this many command timeouts (a refused port answers at once). */
  private static final int CONNECT_TIMEOUTS = 5;

  private final Redis client;
  private final CircuitBreaker breaker;
  private final String prefix;
  private final long timeoutMs;

  private RedisCache(Redis client, CircuitBreaker breaker, String prefix, long timeoutMs) {
    this.client = client;
    this.breaker = breaker;
    this.prefix = prefix;
    this.timeoutMs = timeoutMs;
  }

  /** The client of one verticle instance (close it in the verticle's {@code stop}); a disabled one without {@code redis_url}. */
  public static RedisCache create(Vertx vertx, Config config) {
    String url = config.string(Setting.REDIS_URL);
    String prefix = config.string(Setting.REDIS_PREFIX);
    int timeoutMs = config.integer(Setting.REDIS_TIMEOUT_MS);
    if (url.isBlank()) {
      return new RedisCache(null, null, prefix, timeoutMs);
    }
    RedisOptions options = new RedisOptions().setConnectionString(url)
        .setMaxPoolSize(config.integer(Setting.REDIS_POOL_SIZE))
        .setMaxPoolWaiting(config.integer(Setting.REDIS_POOL_WAITING))
        .setMaxWaitingHandlers(config.integer(Setting.REDIS_POOL_WAITING))
        .setProtocolNegotiation(false)
        .setPoolName("redis")
        .setNetClientOptions(new NetClientOptions().setConnectTimeout(timeoutMs * CONNECT_TIMEOUTS).setTcpKeepAlive(true)
            .setTcpNoDelay(true));
    CircuitBreaker breaker = CircuitBreaker.create("redis", vertx, new CircuitBreakerOptions()
        .setTimeout(timeoutMs)
        .setMaxFailures(config.integer(Setting.BREAKER_MAX_FAILURES))
        .setResetTimeout(config.integer(Setting.BREAKER_RESET_MS))
        .setNotificationAddress(null));
    return new RedisCache(Redis.createClient(vertx, options), breaker, prefix, timeoutMs);
  }

  /** Whether a Redis is configured (it may still be down). */
  public boolean enabled() {
    return client != null;
  }

  /** {@code <redis_prefix>:<part>:<part>...}: the one way keys are named. */
  public String key(Object... parts) {
    StringBuilder key = new StringBuilder(prefix);
    for (Object part : parts) {
      key.append(':').append(part);
    }
    return key.toString();
  }

  /** The key prefix of this deployment ({@code redis_prefix}). */
  public String prefix() {
    return prefix;
  }

  /** Sends one command: its answer, or a failure within the command timeout (at once while the breaker is open). */
  public Future<Response> send(Request request) {
    if (client == null) {
      return Future.failedFuture(OFF);
    }
    return breaker.execute(promise -> client.send(request).onComplete(promise));
  }

  /** Sends several commands in one round trip; their answers in order, or one failure as {@link #send}. */
  public Future<List<Response>> batch(List<Request> requests) {
    if (client == null) {
      return Future.failedFuture(OFF);
    }
    return breaker.execute(promise -> client.batch(requests).onComplete(promise));
  }

  /**
   * For /health: {@code OFF} without a Redis; {@code UP} when it answers a PING within the command
   * timeout; else {@code DEGRADED} with the reason (requests are then served without it). Always
   * with the breaker's state.
   */
  public Future<JsonObject> status() {
    if (client == null) {
      return Future.succeededFuture(new JsonObject().put("status", "OFF"));
    }
    JsonObject status = new JsonObject().put("breaker", breaker.state().name()).put("timeout_ms", timeoutMs);
    // Outside the breaker, so that probes neither open nor close it.
    return client.send(Request.cmd(Command.PING)).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .map(pong -> status.put("status", breaker.state() == CircuitBreakerState.OPEN ? "DEGRADED" : "UP"))
        .otherwise(e -> status.put("status", "DEGRADED").put("reason", String.valueOf(e.getMessage())));
  }

  /** Closes the client and the breaker. */
  public Future<Void> close() {
    if (client == null) {
      return Future.succeededFuture();
    }
    breaker.close();
    return client.close();
  }
}
