package verticles.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves locally stored videos, covers and renditions at {@code /media/videos/...}, {@code /media/covers/...}
 * and {@code /media/renditions/...}
 * with Content-Type, Content-Length, Range requests (206, so players can seek; a suffix range
 * {@code bytes=-N} is the last N bytes), ETag and long-lived Cache-Control: a stored file never
 * changes (its name is a fresh UUID). Only regular files the storage wrote are served: names of
 * its own form, never through a symbolic link inside the media directory.
 */
final class MediaFiles {
  static final long MAX_AGE_SECONDS = 365L * 24 * 3600;
  private static final Set<String> STORED = Set.of("videos", "covers", "renditions");
  /** The names the storage gives files (a UUID and an extension). */
  private static final Pattern STORED_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9]{1,8})?");
  private static final Pattern SUFFIX_RANGE = Pattern.compile("bytes\\s*=\\s*-\\s*(\\d{1,18})\\s*");
  private static final Pattern FIRST_BYTE = Pattern.compile("bytes\\s*=\\s*(\\d{1,18})\\s*-.*");

  private MediaFiles() {
  }

  static void mount(Router router, Path mediaDir) {
    for (String kind : STORED) {
      Path dir = mediaDir.resolve(kind);
      StaticHandler files = StaticHandler.create(FileSystemAccess.ROOT, dir.toString())
          .setCachingEnabled(true)
          .setMaxAgeSeconds(MAX_AGE_SECONDS)
          .setDirectoryListing(false)
          .setIncludeHidden(false)
          .setEnableRangeSupport(true)
          .setAlwaysAsyncFS(true)
          .setEnableFSTuning(false)
          // Video and JPEG do not compress; sendfile is faster.
          .skipCompressionForSuffixes(Set.of("mp4", "webm", "mkv", "avi", "flv", "ts", "mpg", "ogv", "wmv", "jpg"));
      String prefix = "/media/" + kind + "/";
      router.route(prefix + "*").method(HttpMethod.GET).method(HttpMethod.HEAD)
          .handler(ctx -> checkFile(ctx, dir, ctx.normalizedPath().length() > prefix.length()
              ? ctx.normalizedPath().substring(prefix.length()) : ""))
          .handler(files);
    }
  }

  /** Passes a request on to the file handler only for a stored regular file; a suffix range becomes explicit. */
  private static void checkFile(RoutingContext ctx, Path dir, String name) {
    if (!STORED_NAME.matcher(name).matches()) {
      ctx.fail(404);
      return;
    }
    ctx.vertx().executeBlocking(() -> storedSize(dir, dir.resolve(name)), false).onComplete(size -> {
      if (size.failed() || size.result() < 0) {
        ctx.fail(404);
        return;
      }
      long length = size.result();
      String range = ctx.request().getHeader("Range");
      Matcher suffix = range == null ? null : SUFFIX_RANGE.matcher(range);
      Matcher first = range == null ? null : FIRST_BYTE.matcher(range);
      if ((suffix != null && suffix.matches() && (Long.parseLong(suffix.group(1)) == 0 || length == 0))
          || (first != null && first.matches() && Long.parseLong(first.group(1)) >= length)) {
        ctx.response().putHeader("Content-Range", "bytes */" + length);
        Envelope.transport(ctx, 416, "range not satisfiable: the file has " + length + " bytes");
        return;
      }
      if (suffix != null && suffix.matches()) {
        long last = Math.min(Long.parseLong(suffix.group(1)), length);
        ctx.request().headers().set("Range", "bytes=" + (length - last) + "-" + (length - 1));
      }
      ctx.next();
    });
  }

  /** The size of {@code file} when it and its directory are no symbolic links and it is a regular file, else -1. */
  private static long storedSize(Path dir, Path file) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return -1;
    }
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return attributes.isRegularFile() ? attributes.size() : -1;
  }
}
