package verticles.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.LruMap;
import verticles.common.config.Config;
import verticles.events.DomainEvent;
import verticles.events.EventTransport;
import verticles.events.Subscription;

import java.util.List;
import java.util.Map;

/**
 * The live push's share of the domain events ({@link Subscription#LIVE}): each event reaches one
 * node's relay (one consumer of the subscription in the cluster takes each batch), which turns it
 * into pushes ({@link Renderer}: the text is read once per event, not per viewer) and publishes
 * each on its clustered address, where every node with sockets for it has one consumer
 * ({@link LiveHub}). One relay per gateway node; it is also the context of the node's hub.
 * Pushes are for the moment: an event that cannot be rendered is skipped, never retried, and an
 * event delivered again is not pushed again.
 */
public final class LiveRelay extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);

  /** Turns a batch of events into the pushes they make, in order. */
  public interface Renderer {
    Future<List<Push>> render(List<DomainEvent> events);
  }

  /** Event ids this relay pushed lately: a batch delivered again (a retry for another subscription) pushes nothing twice. */
  private static final int REMEMBERED = 10_000;

  private final LiveHub hub;
  private final Renderer renderer;
  private final Map<String, Boolean> pushed = new LruMap<>(REMEMBERED);
  private EventTransport transport;

  public LiveRelay(LiveHub hub, Renderer renderer) {
    this.hub = hub;
    this.renderer = renderer;
  }

  @Override
  public Future<?> start() {
    hub.attach(context);
    transport = EventTransport.create(vertx, Config.of(config()), "live");
    transport.consume(Subscription.LIVE, this::publish);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return transport.close();
  }

  private Future<Void> publish(List<DomainEvent> batch) {
    List<DomainEvent> events = batch.stream().filter(e -> pushed.put(e.id(), Boolean.TRUE) == null).toList();
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    return renderer.render(events).map(pushes -> {
      pushes.forEach(push -> vertx.eventBus().publish(push.address(), push.text()));
      hub.stats.published.addAndGet(pushes.size());
      return (Void) null;
    }).otherwise(e -> {
      log.warn("{} live events not pushed: {}", events.size(), e.toString());
      return null;
    });
  }
}
