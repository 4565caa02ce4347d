package verticles.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

import java.nio.file.Path;
import java.util.Set;

/**
 * Serves locally stored videos and covers at {@code /media/videos/...} and {@code /media/covers/...}
 * with Content-Type, Content-Length, Range requests (206, so players can seek), ETag and long-lived
 * Cache-Control: a stored file never changes (its name is a fresh UUID).
 */
final class MediaFiles {
  static final long MAX_AGE_SECONDS = 365L * 24 * 3600;
  private static final Set<String> STORED = Set.of("videos", "covers");

  private MediaFiles() {
  }

  static void mount(Router router, Path mediaDir) {
    for (String kind : STORED) {
      StaticHandler files = StaticHandler.create(FileSystemAccess.ROOT, mediaDir.resolve(kind).toString())
          .setCachingEnabled(true)
          .setMaxAgeSeconds(MAX_AGE_SECONDS)
          .setDirectoryListing(false)
          .setIncludeHidden(false)
          .setEnableRangeSupport(true)
          .setAlwaysAsyncFS(true)
          .setEnableFSTuning(false)
          // Video and JPEG do not compress; sendfile is faster.
          .skipCompressionForSuffixes(Set.of("mp4", "webm", "mkv", "avi", "flv", "ts", "mpg", "ogv", "wmv", "jpg"));
      router.route("/media/" + kind + "/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(files);
    }
  }
}
