package verticles.gateway;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The address a request's rate limits count for: the connection's peer, unless the peer is one of
 * {@code trusted_proxies}; then the client the proxies name in {@code X-Forwarded-For}. Each proxy
 * appends the address it was connected from, so the list is read from its right end: the first
 * address that is not a trusted proxy is the client (what is left of it, the client may have
 * written itself). A forwarded address too long to be one is not believed: the peer counts.
 */
final class ClientAddress {
  /** The longest text form of an IP address (IPv6 with an embedded IPv4 address). */
  static final int MAX_LENGTH = 45;

  private final Set<String> trustedProxies;

  private ClientAddress(Set<String> trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  static ClientAddress of(Config config) {
    return new ClientAddress(Arrays.stream(config.string(Setting.TRUSTED_PROXIES).split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
  }

  String of(HttpServerRequest request) {
    SocketAddress peer = request.remoteAddress();
    String address = peer == null ? "" : peer.hostAddress();
    if (!trustedProxies.contains(address)) {
      return address;
    }
    List<String> hops = new ArrayList<>();
    for (String header : request.headers().getAll("X-Forwarded-For")) {
      Arrays.stream(header.split(",")).map(String::trim).forEach(hops::add);
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (hop.isEmpty() || hop.length() > MAX_LENGTH) {
        return address;
      }
      address = hop;
      if (!trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return address;
  }
}
