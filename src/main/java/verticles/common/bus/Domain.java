package verticles.common.bus;

import java.util.Locale;

/**
 * The seven domains, in the order /health reports them: the one list of them. Each domain's
 * addresses are {@code <domain>.<operation>} and live, with its typed client, in its own package.
 */
public enum Domain {
  USER, VIDEO, FAVORITE, COMMENT, RELATION, MESSAGE, RECOMMEND;

  /** {@code user}, {@code video}, …: the first part of the domain's addresses and its role name. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every domain answers {@code <domain>.ping} with {@code {domain, node}}. */
  public String ping() {
    return key() + ".ping";
  }

  /** The part of an address before the first dot: the domain (or node-local service) it belongs to. */
  public static String keyOf(String address) {
    int dot = address.indexOf('.');
    return dot < 0 ? address : address.substring(0, dot);
  }
}
