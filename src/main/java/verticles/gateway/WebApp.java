package verticles.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Vertok's own web client: the page at {@code /} and its modules and styles under {@code /app/}
 * (the class-path folder {@code webapp}, plain files with no build step), and
 * {@code /app/features.json}, what this server offers the client, so that a feed tab or a feature
 * appears only where the server has it. The client's responses carry a Content-Security-Policy
 * that lets the page run only this server's scripts and load media only from where this server
 * stores it.
 */
final class WebApp {
  static final String FILES = "webapp";

  private final String policy;
  private final JsonObject features;

  WebApp(Config config) {
    this.policy = policy(mediaOrigins(config));
    this.features = new JsonObject()
        .put("feeds", new JsonArray().add("latest").add("hot").add("recommend"))
        .put("upload_limit_mb", config.integer(Setting.UPLOAD_LIMIT_MB));
  }

  void mount(Router router) {
    router.get("/app/features.json").handler(this::secured).handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, Envelope.JSON).end(features.toBuffer()));
    // A prefix route hands the static handler the path after its prefix: /app/x is FILES/app/x.
    router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::secured).handler(files(FILES));
    router.route("/app/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::secured).handler(files(FILES + "/app"));
  }

  /** Revalidated on every load (Last-Modified, 304): an upgraded server never mixes old and new modules. */
  private static StaticHandler files(String root) {
    return StaticHandler.create(root)
        .setIndexPage("index.html")
        .setDirectoryListing(false)
        .setCachingEnabled(true)
        .setMaxAgeSeconds(0);
  }

  /** The page's security headers, then the next handler. */
  private void secured(RoutingContext ctx) {
    ctx.response().headers()
        .set("Content-Security-Policy", policy)
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "same-origin")
        .set("Cross-Origin-Opener-Policy", "same-origin");
    ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
    ctx.next();
  }

  /**
   * Only this server's scripts and styles, no inline script or handler, requests only to this
   * server; images and videos also from the configured public base URL and Qiniu domain.
   */
  static String policy(Set<String> mediaOrigins) {
    String media = mediaOrigins.isEmpty() ? "" : " " + String.join(" ", mediaOrigins);
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'" + media
        + "; media-src 'self' blob:" + media
        + "; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  static Set<String> mediaOrigins(Config config) {
    Set<String> origins = new LinkedHashSet<>();
    for (Setting setting : new Setting[] {Setting.PUBLIC_BASE_URL, Setting.QINIU_DOMAIN}) {
      String value = config.string(setting);
      if (value.isEmpty()) {
        continue;
      }
      try {
        URI uri = URI.create(value.contains("://") ? value : "https://" + value);
        if (uri.getHost() != null) {
          origins.add(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        }
      } catch (IllegalArgumentException e) {
        // Not a URL: no media can come from it either.
      }
    }
    return origins;
  }
}
