package verticles.ratelimit;

import com.hazelcast.core.HazelcastInstance;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import verticles.common.Failure;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.observability.NodeMetrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's rate limits, for the gateway: registers and logins per address, logins per user name
 * with a growing back-off after failures ({@link LoginBackoff}), writes and uploads per user, all
 * counted cluster-wide on a clustered node (falling back to per node while the cluster's store
 * does not answer, {@link FallbackStore}), per node in embedded mode; reads per address and per
 * node, in memory, so that a read never waits for the network. Beyond a limit the future fails
 * with {@link Failure#tooMany} (HTTP 429, {@code Retry-After}) and nothing is done. The refusal
 * fails after {@code rate_refusal_delay_ms} (or the Retry-After, if sooner): a client that sends
 * its next request when the last one answered, as flooding scripts do, then sends at most one
 * request per connection and delay, and the CPU it no longer takes serves the others' requests.
 */
public final class RateLimits {
  /** The longest part of a user name that keys its limits (valid names are far shorter). */
  static final int MAX_SUBJECT = 64;
  private static final Future<Void> ADMITTED = Future.succeededFuture();

  private final Vertx vertx;
  private final boolean enabled;
  private final long refusalDelayMs;
  private final LocalStore node = new LocalStore();
  private final LimitStore store;
  private final FallbackStore fallback;
  private final LoginBackoff backoff;
  private final Quota register;
  private final Quota loginPerAddress;
  private final Quota loginPerUser;
  private final Quota writes;
  private final Quota uploads;
  private final Quota reads;
  private final Map<String, Counter> refused = new HashMap<>();
  /** Buckets found empty, by quota and subject: the {@link System#nanoTime} until which they stay empty. */
  private final RecentKeys<Long> emptyUntil = new RecentKeys<>(LocalStore.MAX_KEYS);

  private RateLimits(Vertx vertx, Config config) {
    this.vertx = vertx;
    this.enabled = config.bool(Setting.RATE_LIMITS);
    this.refusalDelayMs = config.integer(Setting.RATE_REFUSAL_DELAY_MS);
    HazelcastInstance hazelcast = vertx.isClustered()
        && ((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager manager
        ? manager.getHazelcastInstance() : null;
    this.fallback = hazelcast == null || !enabled ? null : new FallbackStore(vertx, HazelcastStore.warm(vertx, hazelcast), node,
        config.integer(Setting.RATE_STORE_TIMEOUT_MS));
    this.store = fallback == null ? node : fallback;
    this.backoff = new LoginBackoff(config.integer(Setting.RATE_LOGIN_FREE_FAILURES),
        config.integer(Setting.RATE_LOGIN_BACKOFF_MS), config.integer(Setting.RATE_LOGIN_BACKOFF_MAX_MS));
    Duration minute = Duration.ofMinutes(1);
    this.register = new Quota("register", "registers per minute from one address",
        config.integer(Setting.RATE_REGISTER_PER_IP_PER_MINUTE), minute);
    this.loginPerAddress = new Quota("login-ip", "logins per minute from one address",
        config.integer(Setting.RATE_LOGIN_PER_IP_PER_MINUTE), minute);
    this.loginPerUser = new Quota("login-user", "logins per minute for one user name",
        config.integer(Setting.RATE_LOGIN_PER_USER_PER_MINUTE), minute);
    this.writes = new Quota("write", "writes per second for one user",
        config.integer(Setting.RATE_WRITES_PER_USER_PER_SECOND), Duration.ofSeconds(1));
    this.uploads = new Quota("upload", "uploads per hour for one user",
        config.integer(Setting.RATE_UPLOADS_PER_USER_PER_HOUR), Duration.ofHours(1));
    this.reads = new Quota("read", "reads per second from one address (on this node)",
        config.integer(Setting.RATE_READS_PER_IP_PER_SECOND), Duration.ofSeconds(1));
    NodeMetrics metrics = NodeMetrics.of(vertx);
    for (Quota quota : List.of(register, loginPerAddress, loginPerUser, writes, uploads, reads)) {
      refused.put(quota.name(), metrics.rateLimited(quota.name()));
    }
    refused.put(Quota.BACKOFF, metrics.rateLimited(Quota.BACKOFF));
  }

  /** The limits of one node; every gateway instance of the node shares them. */
  public static RateLimits of(Vertx vertx, Config config) {
    return new RateLimits(vertx, config);
  }

  public Future<Void> register(String address) {
    return take(register, address);
  }

  /** A login of {@code username} from {@code address}: within both limits and past the back-off of its failures. */
  public Future<Void> login(String address, String username) {
    if (!enabled) {
      return ADMITTED;
    }
    String name = subject(username);
    // The address first: a flood from one address is refused in one round trip to the store; the
    // other two checks go to the store together.
    return take(loginPerAddress, address).compose(v -> {
      Future<Void> pastBackoff = store.failures(failureKey(address, name)).compose(failures -> {
        long waitMs = backoff.waitMs(failures, System.currentTimeMillis());
        return waitMs == 0 ? ADMITTED : refuse(Quota.BACKOFF,
            backoff.freeFailures() + " failed logins in a row for one user name from one address", waitMs);
      });
      Future<Void> withinUserLimit = take(loginPerUser, name);
      return Future.all(pastBackoff, withinUserLimit).mapEmpty();
    });
  }

  /**
   * What a login admitted by {@link #login} came to: a wrong password ({@code failure} a 401)
   * counts towards the back-off, a success clears it, anything else changes nothing.
   */
  public void loginOutcome(String address, String username, Throwable failure) {
    if (!enabled) {
      return;
    }
    String key = failureKey(address, subject(username));
    if (failure == null) {
      store.clearFailures(key);
    } else if (failure instanceof Failure f && f.code() == 401) {
      store.recordFailure(key, System.currentTimeMillis(), backoff.maxMs());
    }
  }

  public Future<Void> write(long userId) {
    return take(writes, Long.toString(userId));
  }

  public Future<Void> upload(long userId) {
    return take(uploads, Long.toString(userId));
  }

  /** A read from {@code address}: counted in this node's memory only. */
  public Future<Void> read(String address) {
    return enabled ? admit(reads, node.takeNow(reads, address)) : ADMITTED;
  }

  /**
   * For /health: {@code mode} is {@code shared} (cluster-wide), {@code per-node} (clustered, but the
   * cluster's store does not answer), {@code local} (embedded: no cluster) or {@code off}.
   */
  public JsonObject status() {
    String mode = !enabled ? "off" : fallback == null ? "local" : fallback.shared() ? "shared" : "per-node";
    return new JsonObject().put("mode", mode);
  }

  /**
   * One token of {@code subject}'s bucket. A bucket that was found empty stays empty until the
   * refill time its refusal named (other gateways only take from it), so until then this node
   * refuses it from memory: a flood of one address or name costs the shared store one round trip
   * per refill, not one per request.
   */
  private Future<Void> take(Quota quota, String subject) {
    if (!enabled) {
      return ADMITTED;
    }
    String key = quota.name() + "|" + subject;
    Long until = emptyUntil.get(key);
    if (until != null) {
      long waitNanos = until - System.nanoTime();
      if (waitNanos > 0) {
        return refuse(quota.name(), quota.describe(), waitNanos / 1_000_000);
      }
      emptyUntil.remove(key);
    }
    return store.take(quota, subject).compose(probe -> {
      if (!probe.isConsumed()) {
        emptyUntil.put(key, System.nanoTime() + probe.getNanosToWaitForRefill());
      }
      return admit(quota, probe);
    });
  }

  private Future<Void> admit(Quota quota, ConsumptionProbe probe) {
    return probe.isConsumed() ? ADMITTED : refuse(quota.name(), quota.describe(), probe.getNanosToWaitForRefill() / 1_000_000);
  }

  private Future<Void> refuse(String rule, String limit, long waitMs) {
    refused.get(rule).increment();
    Failure failure = Failure.tooMany(limit, waitMs);
    long delayMs = Math.min(waitMs, refusalDelayMs);
    return delayMs <= 0 ? Future.failedFuture(failure) : vertx.timer(delayMs).compose(v -> Future.failedFuture(failure));
  }

  private static String subject(String username) {
    String name = username == null ? "" : username;
    return name.length() <= MAX_SUBJECT ? name : name.substring(0, MAX_SUBJECT);
  }

  private static String failureKey(String address, String name) {
    return address + "|" + name;
  }
}
