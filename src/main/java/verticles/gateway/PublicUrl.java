package verticles.gateway;

import io.vertx.ext.web.RoutingContext;

/**
 * Turns the relative paths domains answer ({@code /media/...}) into URLs a client on another
 * machine can fetch: the configured public base URL, or else the scheme and Host of the request.
 */
final class PublicUrl {
  private PublicUrl() {
  }

  static String base(RoutingContext ctx, String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }
    String host = ctx.request().authority() == null ? null : ctx.request().authority().toString();
    if (host == null || host.isBlank()) {
      host = ctx.request().localAddress().host() + ":" + ctx.request().localAddress().port();
    }
    return ctx.request().scheme() + "://" + host;
  }

  static String absolute(String base, String pathOrUrl) {
    if (pathOrUrl == null || pathOrUrl.isEmpty()) {
      return "";
    }
    return pathOrUrl.startsWith("/") ? base + pathOrUrl : pathOrUrl;
  }
}
