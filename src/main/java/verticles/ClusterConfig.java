package verticles;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The Hazelcast configuration of a clustered node: {@code cluster.xml} (no multicast, no
 * auto-detection) with the cluster name, address, port and member discovery of Vertok's config:
 * TCP-IP join to the {@code cluster_members} list, or Hazelcast's Kubernetes discovery in DNS
 * mode (the addresses behind a headless Service's name, each on {@code cluster_port}; no API
 * access needed).
 */
final class ClusterConfig {
  /** How long a node looks up the Service's addresses for members before it starts a cluster of its own. */
  private static final int DNS_JOIN_WAIT_SECONDS = 5;
  /** How often members send Hazelcast heartbeats. */
  private static final int HEARTBEAT_SECONDS = 1;

  private ClusterConfig() {
  }

  static com.hazelcast.config.Config hazelcast(Config config) {
    com.hazelcast.config.Config hz = new ClasspathXmlConfig("cluster.xml");
    hz.setClusterName(config.string(Setting.CLUSTER_NAME));
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.integer(Setting.CLUSTER_PORT));
    // The address to bind and announce, by property rather than by interface matching: with
    // interfaces on, Hazelcast would drop every member host name resolving outside them.
    network.getInterfaces().setEnabled(false);
    hz.setProperty("hazelcast.local.localAddress", host(config));
    // Failure detection: a heartbeat every second, a member silent for cluster_failure_seconds
    // is dropped (then every node stops sending to it, see NodeRoster).
    hz.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(HEARTBEAT_SECONDS));
    hz.setProperty("hazelcast.max.no.heartbeat.seconds",
        String.valueOf(Math.max(HEARTBEAT_SECONDS + 1, config.integer(Setting.CLUSTER_FAILURE_SECONDS))));
    // On SIGTERM the node's own shutdown (Main) drains and then leaves the cluster as Vert.x
    // closes. Hazelcast's hook would terminate the member at once, under the drain: the gateway
    // lost its cluster while it still served, and the other members saw a member die rather than
    // leave (partitions without their backups, the cluster unsafe for seconds).
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    JoinConfig join = network.getJoin();
    if (config.string(Setting.CLUSTER_DISCOVERY).equals("kubernetes-dns")) {
      join.getTcpIpConfig().setEnabled(false);
      // Discovery joins only look for members during this wait (cluster.xml's 0 would skip them).
      hz.setProperty("hazelcast.wait.seconds.before.join", String.valueOf(DNS_JOIN_WAIT_SECONDS));
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", config.string(Setting.CLUSTER_SERVICE_DNS))
          .setProperty("service-port", String.valueOf(config.integer(Setting.CLUSTER_PORT)));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(members(config));
    }
    return hz;
  }

  /**
   * This node's address for Hazelcast and the event bus: {@code cluster_host} as an IP address, a
   * host name resolved once at startup (a container's own name, say).
   */
  static String host(Config config) {
    String host = config.string(Setting.CLUSTER_HOST);
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException("cluster_host '" + host + "' does not resolve to an address");
    }
  }

  static List<String> members(Config config) {
    return Arrays.stream(config.string(Setting.CLUSTER_MEMBERS).split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
