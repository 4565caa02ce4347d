package verticles.common.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.RegistrationInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Which cluster members serve each domain now, so that the {@link BusClient} can choose the node
 * of each request itself (the clustered event bus round-robins blindly and knows no breaker).
 *
 * <p>A node serves a domain while its {@code <domain>.ping} consumer is registered on the event
 * bus (a domain verticle registers it after its node addresses, {@link verticles.common.NodeAddress#on}, and removes it first
 * when it drains) and while it is a member of the cluster. Every {@link #REFRESH_MS} the roster
 * reads both: the members from the cluster manager (local, no network), the registrations from
 * the event bus's subscription map. A member that Hazelcast dropped therefore leaves the roster
 * within {@link #REFRESH_MS}, and the requests still waiting for it are failed at once
 * ({@link #onLeft}) instead of waiting out their timeout. Without a cluster the roster is empty
 * and requests go to the plain addresses.
 */
public final class NodeRoster {
  /** How often the roster reads the cluster's members and the domains' registrations. */
  static final long REFRESH_MS = 200;

  private final ClusterManager cluster;
  private final Context context;
  private final List<Consumer<String>> leftListeners = new CopyOnWriteArrayList<>();
  private volatile Map<String, List<String>> byDomain = Map.of();
  private volatile Set<String> members = Set.of();
  private boolean reading;

  private NodeRoster(Vertx vertx, ClusterManager cluster) {
    this.cluster = cluster;
    // The refreshes and what they change happen on this one context (in order, no races).
    this.context = vertx.getOrCreateContext();
    if (cluster != null) {
      members = Set.copyOf(cluster.getNodes());
      context.runOnContext(v -> vertx.setPeriodic(REFRESH_MS, id -> refresh()));
    }
  }

  /** The roster of a clustered Vert.x (refreshed for as long as it runs), or an empty one. */
  static NodeRoster of(Vertx vertx) {
    return new NodeRoster(vertx, clusterOf(vertx));
  }

  /** This JVM's node id in the cluster, or null without a cluster. */
  public static String localNode(Vertx vertx) {
    ClusterManager cluster = clusterOf(vertx);
    return cluster == null ? null : cluster.getNodeId();
  }


  private static ClusterManager clusterOf(Vertx vertx) {
    return vertx.isClustered() ? ((VertxInternal) vertx).clusterManager() : null;
  }

  /** The live nodes that serve {@code domain}, in a stable order; empty when unknown. */
  List<String> nodes(String domain) {
    return byDomain.getOrDefault(domain, List.of());
  }

  /** Called with the id of each node that left the cluster, at most {@link #REFRESH_MS} after Hazelcast dropped it. */
  void onLeft(Consumer<String> listener) {
    leftListeners.add(listener);
  }

  private void refresh() {
    if (!cluster.isActive()) {
      return;
    }
    Set<String> now = Set.copyOf(cluster.getNodes());
    Set<String> left = new HashSet<>(members);
    left.removeAll(now);
    members = now;
    if (!left.isEmpty()) {
      Map<String, List<String>> pruned = new HashMap<>();
      byDomain.forEach((domain, nodes) -> pruned.put(domain, nodes.stream().filter(now::contains).toList()));
      byDomain = Map.copyOf(pruned);
      left.forEach(node -> leftListeners.forEach(l -> l.accept(node)));
    }
    if (reading) {
      return;
    }
    // A read may wait for a partition whose owner just died: one at a time, and members filtered
    // again when all are in, so that a node that left meanwhile does not come back.
    reading = true;
    List<Future<Void>> reads = new ArrayList<>();
    Map<String, List<String>> next = new ConcurrentHashMap<>();
    for (Domain domain : Domain.values()) {
      Promise<List<RegistrationInfo>> registrations = Promise.promise();
      cluster.getRegistrations(domain.ping(), registrations);
      reads.add(registrations.future().map(infos -> {
        TreeSet<String> nodes = new TreeSet<>();
        infos.stream().filter(i -> !i.localOnly()).forEach(i -> nodes.add(i.nodeId()));
        next.put(domain.key(), List.copyOf(nodes));
        return null;
      }));
    }
    Future.all(reads).onComplete(done -> context.runOnContext(v -> {
      reading = false;
      if (done.succeeded()) {
        Set<String> live = members;
        Map<String, List<String>> fresh = new HashMap<>();
        next.forEach((domain, nodes) -> fresh.put(domain, nodes.stream().filter(live::contains).toList()));
        byDomain = Map.copyOf(fresh);
      }
    }));
  }
}
