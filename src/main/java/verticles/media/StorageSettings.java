package verticles.media;

import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;

import java.nio.file.Path;
import java.util.List;

/**
 * Chooses the object storage from the configuration: Qiniu when its four settings are given,
 * local files under {@code <data_dir>/media} when none is. A partial Qiniu configuration is
 * refused at startup (it would silently store videos where nobody expects them).
 */
public final class StorageSettings {
  private static final List<Setting> QINIU_REQUIRED =
      List.of(Setting.QINIU_ACCESS_KEY, Setting.QINIU_SECRET_KEY, Setting.QINIU_BUCKET, Setting.QINIU_DOMAIN);

  /** A complete Qiniu configuration; {@code domain} has a scheme and no trailing slash. */
  record Qiniu(String accessKey, String secretKey, String bucket, String domain, String uploadHost, String rsHost) {
  }

  private StorageSettings() {
  }

  /** Fails with one line naming the missing keys when Qiniu is configured only in part. */
  public static void check(Config config) {
    qiniu(config);
  }

  /** The Qiniu settings, or null when Qiniu is not configured. */
  static Qiniu qiniu(Config config) {
    List<Setting> given = QINIU_REQUIRED.stream().filter(s -> !config.string(s).isEmpty()).toList();
    if (given.isEmpty()) {
      return null;
    }
    if (given.size() < QINIU_REQUIRED.size()) {
      List<String> missing = QINIU_REQUIRED.stream().filter(s -> !given.contains(s)).map(Setting::key).toList();
      throw new ConfigException("Qiniu storage is configured only in part: set " + String.join(", ", missing)
          + " as well, or unset " + String.join(", ", given.stream().map(Setting::key).toList()) + " to store media locally");
    }
    String domain = config.string(Setting.QINIU_DOMAIN);
    if (!domain.startsWith("http://") && !domain.startsWith("https://")) {
      domain = "https://" + domain;
    }
    while (domain.endsWith("/")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    return new Qiniu(config.string(Setting.QINIU_ACCESS_KEY), config.string(Setting.QINIU_SECRET_KEY),
        config.string(Setting.QINIU_BUCKET), domain, config.string(Setting.QINIU_UPLOAD_HOST),
        config.string(Setting.QINIU_RS_HOST));
  }

  /** {@code <data_dir>/media}: local media, served at {@code /media/...}. */
  public static Path mediaDir(Config config) {
    return Path.of(config.string(Setting.DATA_DIR)).toAbsolutePath().resolve("media");
  }

  /** {@code <data_dir>/uploads}: uploads in progress (same file system as the media directory, so they can be moved). */
  public static Path uploadsDir(Config config) {
    return Path.of(config.string(Setting.DATA_DIR)).toAbsolutePath().resolve("uploads");
  }

  /** {@code <data_dir>/transcode}: renditions being made (same file system as the media directory, so they can be moved). */
  static Path transcodeDir(Config config) {
    return Path.of(config.string(Setting.DATA_DIR)).toAbsolutePath().resolve("transcode");
  }

  static ObjectStorage open(Config config) {
    Qiniu qiniu = qiniu(config);
    return qiniu == null ? new LocalStorage(mediaDir(config)) : new QiniuStorage(qiniu);
  }
}
