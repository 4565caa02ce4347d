package verticles.media;

import com.qiniu.common.QiniuException;
import com.qiniu.http.Response;
import com.qiniu.storage.BucketManager;
import com.qiniu.storage.Configuration;
import com.qiniu.storage.Region;
import com.qiniu.storage.UploadManager;
import com.qiniu.util.Auth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;

/**
 * Qiniu Kodo object storage through the official SDK: form upload up to the SDK's threshold,
 * resumable above it. Objects are public under the configured domain
 * ({@code <domain>/<key>}). The SDK blocks: only the media worker calls it.
 */
final class QiniuStorage implements ObjectStorage {
  private static final Logger log = LoggerFactory.getLogger(QiniuStorage.class);

  private final Auth auth;
  private final String bucket;
  private final String domain;
  private final UploadManager uploads;
  private final BucketManager buckets;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  QiniuStorage(StorageSettings.Qiniu settings) {
    this.auth = Auth.create(settings.accessKey(), settings.secretKey());
    this.bucket = settings.bucket();
    this.domain = settings.domain();
    Configuration cfg = settings.uploadHost().isEmpty()
        ? Configuration.create(Region.autoRegion())
        : Configuration.create(new Region.Builder().region("z0")
            .srcUpHost(settings.uploadHost()).accUpHost(settings.uploadHost())
            .rsHost(settings.rsHost().isEmpty() ? settings.uploadHost() : settings.rsHost()).build());
    this.uploads = new UploadManager(cfg);
    this.buckets = new BucketManager(auth, cfg);
  }

  @Override
  public String kind() {
    return "qiniu";
  }

  @Override
  public String put(Path file, String key, String contentType, boolean movable) throws IOException {
    Response response = uploads.put(file.toFile(), key, auth.uploadToken(bucket, key), null, contentType, false);
    if (!response.isOK()) {
      throw new IOException("Qiniu answered " + response.statusCode + " for " + key);
    }
    return domain + "/" + key;
  }

  /** Downloads {@code <domain>/<key>} (signed, so a private bucket works too). */
  @Override
  public Path fetch(String key, Path scratch) throws IOException {
    Files.createDirectories(scratch);
    Path copy = Files.createTempFile(scratch, "original", ".part");
    HttpRequest request = HttpRequest.newBuilder(URI.create(auth.privateDownloadUrl(domain + "/" + key, 3600)))
        .timeout(Duration.ofMinutes(5)).build();
    try {
      HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(copy));
      if (response.statusCode() != 200) {
        throw new IOException("Qiniu answered " + response.statusCode() + " for " + key);
      }
      return copy;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + key, e);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(copy);
      throw e;
    }
  }

  @Override
  public void delete(String key) {
    try {
      buckets.delete(bucket, key);
    } catch (QiniuException e) {
      if (e.code() != 612) { // 612: no such object
        log.warn("could not delete {} from Qiniu: {}", key, e.getMessage());
      }
    }
  }
}
