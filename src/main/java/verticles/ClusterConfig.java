package verticles;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.util.Arrays;
import java.util.List;

/**
 * The Hazelcast configuration of a clustered node: {@code cluster.xml} (TCP-IP join, no
 * multicast) with the cluster name, member addresses, interface and port of Vertok's config.
 */
final class ClusterConfig {
  private ClusterConfig() {
  }

  static com.hazelcast.config.Config hazelcast(Config config) {
    com.hazelcast.config.Config hz = new ClasspathXmlConfig("cluster.xml");
    hz.setClusterName(config.string(Setting.CLUSTER_NAME));
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.integer(Setting.CLUSTER_PORT));
    String host = config.string(Setting.CLUSTER_HOST);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    JoinConfig join = network.getJoin();
    join.getTcpIpConfig().setEnabled(true).setMembers(members(config));
    return hz;
  }

  static List<String> members(Config config) {
    return Arrays.stream(config.string(Setting.CLUSTER_MEMBERS).split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
