package verticles.common.bus;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import verticles.common.config.Config;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Base of the six domain verticles: registers the domain's consumers (each wrapped by
 * {@link Consumers}) plus {@code <domain>.ping}, publishes a service-discovery record once they
 * are registered cluster-wide (/health lists the nodes of each domain from them), and removes it
 * on stop.
 */
public abstract class DomainVerticle extends VerticleBase {
  /** The type of the domains' discovery records; their name is the domain, metadata {@code node} its JVM. */
  public static final String RECORD_TYPE = "vertok-domain";
  private final Domain domain;
  private final Map<String, Function<JsonObject, Future<JsonObject>>> handlers = new LinkedHashMap<>();
  private ServiceDiscovery discovery;
  private Record record;

  protected DomainVerticle(Domain domain) {
    this.domain = domain;
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
    return setUp(config).compose(v -> {
      on(domain.ping(), body -> Future.succeededFuture(
          new JsonObject().put("domain", domain.key()).put("node", nodeId())));
      List<Future<Void>> registered = new ArrayList<>();
      handlers.forEach((address, handler) -> {
        MessageConsumer<Object> consumer = Consumers.register(vertx, address, handler);
        registered.add(consumer.completion());
      });
      return Future.all(registered);
    }).compose(v -> publish());
  }

  @Override
  public Future<?> stop() {
    if (discovery == null) {
      return Future.succeededFuture();
    }
    Future<Void> unpublished = record == null ? Future.succeededFuture() : discovery.unpublish(record.getRegistration());
    return unpublished.eventually(() -> {
      discovery.close();
      return Future.succeededFuture();
    });
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
