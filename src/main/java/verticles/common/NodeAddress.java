package verticles.common;

/**
 * The event-bus addresses one node alone answers: {@code <address>@<node id>} (docs/eventbus.md).
 * The client that routes to nodes and the metrics that fold those addresses back into their plain
 * one (bounded series) both use this one definition.
 */
public final class NodeAddress {
  private static final String NODE_SEPARATOR = "@";

  private NodeAddress() {
  }

  /** The address on which {@code node} alone answers {@code address}. */
  public static String on(String address, String node) {
    return address + NODE_SEPARATOR + node;
  }

  /** {@code address} without the node a {@link #on node address} names: the same for every node. */
  public static String plain(String address) {
    int at = address.indexOf(NODE_SEPARATOR);
    return at < 0 ? address : address.substring(0, at);
  }
}
