package verticles.common.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import verticles.common.NodeAddress;
import verticles.common.cache.CounterCache;
import verticles.common.cache.RedisCache;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.common.db.Database;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Base of the seven domain verticles: registers the domain's consumers (each wrapped by
 * {@link Consumers}) plus {@code <domain>.ping}, publishes a service-discovery record once they
 * are registered cluster-wide (/health lists the nodes of each domain from them), and removes it
 * on stop.
 *
 * <p>In a cluster each address is consumed twice: on the node's own address
 * ({@link NodeAddress#on}), where the {@link BusClient}s send, and on the plain one. The node
 * addresses are registered first and the ping last, so a node is in the roster only once it
 * answers on all of them. Stopping drains (a SIGTERM closes Vert.x, which stops every verticle):
 * the plain addresses and the ping go first, so the other nodes take this one out of rotation;
 * once no request arrived for {@link #QUIET_MS} and none is in progress (or after
 * {@code shutdown_timeout_ms}) the node addresses go too, where a late request finds no handler
 * and is sent to another node.
 */
public abstract class DomainVerticle extends VerticleBase {
  /** The type of the domains' discovery records; their name is the domain, metadata {@code node} its JVM. */
  public static final String RECORD_TYPE = "vertok-domain";
  /** A draining node waits until no request arrived for this long: the other nodes' rosters have dropped it. */
  static final long QUIET_MS = 3 * NodeRoster.REFRESH_MS;
  private static final long DRAIN_CHECK_MS = 50;
  private final Domain domain;
  private final List<MessageConsumer<Object>> plain = new ArrayList<>();
  private final List<MessageConsumer<Object>> own = new ArrayList<>();
  private int inProgress;
  private long lastArrival;
  private long shutdownTimeoutMs;
  private final Map<String, Function<JsonObject, Future<JsonObject>>> handlers = new LinkedHashMap<>();
  private ServiceDiscovery discovery;
  private Record record;
  private CounterCache counterCache;

  protected DomainVerticle(Domain domain) {
    this.domain = domain;
  }

  /**
   * This instance's cached counters (docs/caching.md), over a Redis client of its own, closed when
   * the verticle stops. Without {@code redis_url} they read and write the database only.
   */
  protected final Future<CounterCache> counterCache(Config config, Database db) {
    return CounterCache.start(vertx, RedisCache.create(vertx, config), db).onSuccess(started -> counterCache = started);
  }

  /** Called from {@link #start()}: set up state and call {@link #on} for each address. */
  protected abstract Future<?> setUp(Config config);

  protected final void on(String address, Function<JsonObject, Future<JsonObject>> handler) {
    if (!Domain.keyOf(address).equals(domain.key())) {
      throw new IllegalArgumentException(address + " is not an address of the " + domain + " domain");
    }
    handlers.put(address, handler);
  }

  @Override
  public final Future<?> start() {
    Config config = Config.of(config());
    shutdownTimeoutMs = config.integer(Setting.SHUTDOWN_TIMEOUT_MS);
    return setUp(config).compose(v -> {
      on(domain.ping(), body -> Future.succeededFuture(
          new JsonObject().put("domain", domain.key()).put("node", nodeId())));
      String node = NodeRoster.localNode(vertx);
      if (node == null) {
        return Future.succeededFuture();
      }
      handlers.forEach((address, handler) -> own.add(Consumers.register(vertx, NodeAddress.on(address, node), counted(handler))));
      return Future.all(own.stream().map(MessageConsumer::completion).toList());
    }).compose(v -> {
      handlers.forEach((address, handler) -> plain.add(Consumers.register(vertx, address, counted(handler))));
      return Future.all(plain.stream().map(MessageConsumer::completion).toList());
    }).compose(v -> publish());
  }

  @Override
  public Future<?> stop() {
    // Alone (no cluster) nobody else routes here: only the requests in progress are waited for.
    long quietMs = own.isEmpty() ? 0 : QUIET_MS;
    Future<Void> drained = unregister(plain).compose(v -> quiet(quietMs, System.currentTimeMillis() + shutdownTimeoutMs))
        .compose(v -> unregister(own))
        .eventually(() -> counterCache == null ? Future.succeededFuture() : counterCache.close());
    if (discovery == null) {
      return drained;
    }
    return drained.eventually(() -> record == null ? Future.succeededFuture() : discovery.unpublish(record.getRegistration()))
        .eventually(() -> {
          discovery.close();
          return Future.succeededFuture();
        });
  }

  /** The handler, counting the requests in progress and noting when the last one arrived (for the drain). */
  private Function<JsonObject, Future<JsonObject>> counted(Function<JsonObject, Future<JsonObject>> handler) {
    return body -> {
      inProgress++;
      lastArrival = System.currentTimeMillis();
      Future<JsonObject> reply;
      try {
        reply = handler.apply(body);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      return reply.andThen(ar -> inProgress--);
    };
  }

  /** Completes once no request is in progress and none arrived for {@code quietMs}, or at {@code deadline}. */
  private Future<Void> quiet(long quietMs, long deadline) {
    long now = System.currentTimeMillis();
    if ((inProgress == 0 && now - lastArrival >= quietMs) || now >= deadline) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    vertx.setTimer(DRAIN_CHECK_MS, id -> quiet(quietMs, deadline).onComplete(done));
    return done.future();
  }

  private static Future<Void> unregister(List<MessageConsumer<Object>> consumers) {
    Future<Void> all = Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    consumers.clear();
    return all.otherwiseEmpty();
  }

  private Future<Record> publish() {
    discovery = ServiceDiscovery.create(vertx);
    Record draft = new Record()
        .setName(domain.key())
        .setType(RECORD_TYPE)
        .setLocation(new JsonObject().put("addresses", new JsonArray(new ArrayList<>(handlers.keySet()))))
        .setMetadata(new JsonObject().put("node", nodeId()).put("deployment", deploymentID()));
    return discovery.publish(draft).onSuccess(r -> record = r);
  }

  /** The JVM this verticle runs in, as {@code pid@host}: enough to tell nodes apart in /health and discovery. */
  static String nodeId() {
    return ManagementFactory.getRuntimeMXBean().getName();
  }
}
