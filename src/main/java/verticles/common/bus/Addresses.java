package verticles.common.bus;

/**
 * Event-bus addresses: {@code <domain>.<operation>}. The full contract of each address (request
 * and reply bodies) is docs/eventbus.md.
 */
public final class Addresses {
  /** The six domains, in the order /health reports them. */
  public static final java.util.List<String> DOMAINS =
      java.util.List.of("user", "video", "favorite", "comment", "relation", "message");

  private Addresses() {
  }

  public static String domainOf(String address) {
    int dot = address.indexOf('.');
    return dot < 0 ? address : address.substring(0, dot);
  }

  /** Every domain answers {@code <domain>.ping} with {@code {domain, node}}. */
  public static String ping(String domain) {
    return domain + ".ping";
  }
}
