package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.servicediscovery.Record;
import io.vertx.ext.healthchecks.Status;
import io.vertx.servicediscovery.ServiceDiscovery;
import io.vertx.spi.cluster.hazelcast.ClusterHealthCheck;
import io.vertx.core.internal.VertxInternal;
import verticles.common.NodeState;
import verticles.live.LiveHub;
import verticles.common.bus.Domain;
import verticles.common.bus.DomainVerticle;
import verticles.common.cache.RedisCache;
import verticles.events.EventsClient;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code GET /health}: pings every domain (a short timeout, outside the breakers so that a probe
 * never opens one) and reports for each whether it answers, from which node, the nodes that serve
 * it (from their service-discovery records), the state of this node's breaker in front of it and
 * how many reads degraded without it; the domain events' relay ({@code events}: DEGRADED while
 * the broker is down, the outbox backlog) and the rendition jobs ({@code media}: jobs by state,
 * dead letters); Redis ({@code redis}: OFF without one, UP when it answers, DEGRADED when it does not: reads
 * and writes then go without it); on a clustered node also whether the cluster is safe (every Hazelcast partition
 * has its backups, so one more member may leave without losing data); the rate limits' mode
 * ({@code rate_limits}: shared cluster-wide, or per node while the cluster's store is away). 200 when every domain is up
 * and the cluster is safe, 503 otherwise, always with the JSON envelope: the readiness probe of a
 * container. A degraded broker or Redis does not fail it. With a cluster each domain also lists the nodes
 * this gateway sends to ({@code routes}: node id, the breaker in front of it, requests sent).
 * {@link #live} is the liveness probe: this node's event loop answers, whatever the other nodes
 * and the database do. {@link #ready} is the readiness probe.
 */
final class HealthHandler implements Handler<RoutingContext> {
  private static final long PING_TIMEOUT_MS = 1000;

  private final Vertx vertx;
  private final Gateway gateway;
  private final ServiceDiscovery discovery;
  private final NodeState node;
  private final LiveHub live;
  private final RedisCache redis;
  private Future<String> clusterCheck;

  HealthHandler(Vertx vertx, Gateway gateway, ServiceDiscovery discovery, NodeState node, LiveHub live, RedisCache redis) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.discovery = discovery;
    this.node = node;
    this.live = live;
    this.redis = redis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Domain[] domains = Domain.values();
    List<Future<JsonObject>> checks = List.of(domains).stream().map(this::check).toList();
    Future<Map<String, TreeSet<String>>> nodes = registeredNodes();
    Future<JsonObject> events = new EventsClient(vertx).status(PING_TIMEOUT_MS);
    Future<JsonObject> media = gateway.media().renditions(PING_TIMEOUT_MS);
    Future<String> cluster = clusterStatus();
    Future<JsonObject> cache = redis.status();
    Future.join(List.of(Future.join(checks), nodes, cluster, events, media, cache)).onComplete(done -> {
      JsonObject statuses = new JsonObject();
      boolean allUp = !"DOWN".equals(cluster.result());
      for (int i = 0; i < domains.length; i++) {
        JsonObject status = checks.get(i).result();
        allUp &= "UP".equals(status.getString("status"));
        status.put("nodes", new JsonArray(List.copyOf(nodes.result().getOrDefault(domains[i].key(), new TreeSet<>()))));
        status.put("routes", gateway.bus().routes(domains[i].key()));
        statuses.put(domains[i].key(), status);
      }
      JsonObject body = Envelope.body(allUp ? 0 : 503, allUp ? "success" : "some domains are unavailable")
          .put("status", allUp ? "UP" : "DEGRADED")
          .put("cluster", cluster.result())
          .put("domains", statuses)
          .put("events", events.result())
          .put("media", media.result())
          .put("redis", cache.result())
          .put("rate_limits", gateway.limits().status())
          .put("live", live.status());
      ctx.response().setStatusCode(allUp ? 200 : 503).putHeader("content-type", Envelope.JSON).end(body.toBuffer());
    });
  }

  /** {@code GET /health/live}: 200 as long as this node's event loop serves requests. */
  static void live(RoutingContext ctx) {
    ctx.response().putHeader("content-type", Envelope.JSON)
        .end(Envelope.body(0, "success").put("status", "UP").toBuffer());
  }

  /**
   * {@code GET /ready}: 200 when this node serves and may be sent traffic: it is started and not
   * shutting down, its database answers (when it runs domains), it is in the cluster, and every
   * domain answers its ping (has a live node); else 503 with the reason. Until it is ready for the
   * first time the cluster must also be safe (a node that joins waits for its partitions); once
   * it was ready, partitions migrating after another member joined or left do not take it out of
   * its balancer's rotation: it serves meanwhile, and a rolling restart takes the gateways out one
   * at a time, not all of them while the cluster rebalances.
   */
  void ready(RoutingContext ctx) {
    List<Future<JsonObject>> checks = List.of(Domain.values()).stream().map(this::check).toList();
    Future<String> cluster = clusterStatus();
    Future<String> local = node.notReadyBecause();
    Future.join(List.of(Future.join(checks), cluster, local)).onComplete(done -> {
      String reason = local.result();
      if (reason == null && !node.wasReady() && "DOWN".equals(cluster.result())) {
        reason = "the cluster is not safe (partitions migrating or the node not joined)";
      }
      if (reason == null && vertx.isClustered() && !((VertxInternal) vertx).clusterManager().isActive()) {
        reason = "the node is not in the cluster";
      }
      for (int i = 0; reason == null && i < checks.size(); i++) {
        if (!"UP".equals(checks.get(i).result().getString("status"))) {
          reason = "no live node serves the " + Domain.values()[i].key() + " domain";
        }
      }
      boolean ready = reason == null;
      if (ready) {
        node.ready();
      }
      JsonObject body = Envelope.body(ready ? 0 : 503, ready ? "success" : reason).put("status", ready ? "UP" : "DOWN");
      ctx.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", Envelope.JSON).end(body.toBuffer());
    });
  }

  /**
   * UP when the cluster is safe, DOWN when it is not (partitions migrating, backups missing, or no
   * answer within a second), OFF without a cluster. Hazelcast's check blocks a worker thread and
   * can hang for a minute after a member died, so only one runs at a time per handler: the
   * probes asked meanwhile share it.
   */
  private Future<String> clusterStatus() {
    if (!vertx.isClustered()) {
      return Future.succeededFuture("OFF");
    }
    if (!((VertxInternal) vertx).clusterManager().isActive()) {
      return Future.succeededFuture("DOWN");
    }
    if (clusterCheck == null || clusterCheck.isComplete()) {
      Promise<Status> status = Promise.promise();
      ClusterHealthCheck.createProcedure(vertx).handle(status);
      clusterCheck = status.future().map(s -> s.isOk() ? "UP" : "DOWN");
    }
    return clusterCheck.timeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS).otherwise("DOWN");
  }

  private Future<JsonObject> check(Domain domain) {
    JsonObject status = new JsonObject()
        .put("breaker", gateway.bus().breakerState(domain.key()).name())
        .put("degraded_reads", gateway.degradations().count(domain));
    return vertx.eventBus().<JsonObject>request(domain.ping(), new JsonObject(),
            new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS))
        .map(Message::body)
        .map(reply -> status.put("status", "UP").put("node", reply.getString("node")))
        .otherwise(e -> status.put("status", "DOWN").put("reason", e.getMessage()));
  }

  /**
   * The nodes ({@code pid@host}) that published a record for each domain, by domain; none when
   * discovery fails (a node that lost its cluster throws at once: composed, so it fails the future).
   */
  private Future<Map<String, TreeSet<String>>> registeredNodes() {
    return Future.<Void>succeededFuture()
        .compose(v -> discovery.getRecords(r -> DomainVerticle.RECORD_TYPE.equals(r.getType()) && r.getMetadata().containsKey("node")))
        .map(records -> records.stream().collect(Collectors.groupingBy(Record::getName,
            Collectors.mapping(r -> r.getMetadata().getString("node"), Collectors.toCollection(TreeSet::new)))))
        .otherwise(e -> Map.of());
  }
}
