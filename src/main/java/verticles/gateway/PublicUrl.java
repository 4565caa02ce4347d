package verticles.gateway;

import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.util.Locale;
import java.util.Set;

/**
 * Turns the relative paths domains answer ({@code /media/...}) into URLs a client on another
 * machine can fetch. The base is {@code public_base_url} when configured. Otherwise it is the
 * request's scheme and {@code Host} only when that host is one of {@code allowed_hosts} or the
 * address the connection arrived at; any other {@code Host} (which anyone can forge) gives way
 * to that address, so a response never carries a host name a client made up.
 */
final class PublicUrl {
  private final String configured;
  private final Set<String> allowedHosts;

  private PublicUrl(String configured, Set<String> allowedHosts) {
    this.configured = configured;
    this.allowedHosts = allowedHosts;
  }

  static PublicUrl of(Config config) {
    String base = config.string(Setting.PUBLIC_BASE_URL);
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return new PublicUrl(base, Set.copyOf(config.hostNames(Setting.ALLOWED_HOSTS)));
  }

  /** {@code public_base_url}, or empty when not configured (paths then stay relative). */
  String configured() {
    return configured;
  }

  String base(RoutingContext ctx) {
    if (!configured.isEmpty()) {
      return configured;
    }
    SocketAddress local = ctx.request().localAddress();
    String arrivedAt = bare(local.host());
    HostAndPort authority = ctx.request().authority();
    if (authority != null) {
      String host = bare(authority.host());
      if (allowedHosts.contains(host) || host.equals(arrivedAt)) {
        return ctx.request().scheme() + "://" + hostPort(host, authority.port());
      }
    }
    return ctx.request().scheme() + "://" + hostPort(arrivedAt, local.port());
  }

  static String absolute(String base, String pathOrUrl) {
    if (pathOrUrl == null || pathOrUrl.isEmpty()) {
      return "";
    }
    return pathOrUrl.startsWith("/") ? base + pathOrUrl : pathOrUrl;
  }

  /** A host name in lower case, an IPv6 address without brackets. */
  private static String bare(String host) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  private static String hostPort(String host, int port) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return port > 0 ? h + ":" + port : h;
  }
}
