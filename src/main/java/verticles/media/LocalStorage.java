package verticles.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files under {@code <data_dir>/media}, served by the gateway at {@code /media/<key>}. A file
 * appears under its final name only when complete (written aside, then renamed), so the gateway
 * never serves half a video. Symbolic links inside the media directory are never followed: a key
 * whose path crosses one is refused (the directory itself may be a link).
 */
final class LocalStorage implements ObjectStorage {
  private static final Logger log = LoggerFactory.getLogger(LocalStorage.class);
  static final String URL_PREFIX = "/media/";

  private final Path root;

  LocalStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String kind() {
    return "local";
  }

  @Override
  public String put(Path file, String key, String contentType, boolean movable) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    refuseLinks(target);
    if (movable) {
      try {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        return URL_PREFIX + key;
      } catch (AtomicMoveNotSupportedException e) {
        log.debug("cannot move {} into the media directory; copying it", file);
      }
    }
    Path partial = target.resolveSibling("." + target.getFileName() + ".part");
    try {
      Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return URL_PREFIX + key;
  }

  @Override
  public Path fetch(String key, Path scratch) throws IOException {
    Path target = resolve(key);
    refuseLinks(target);
    if (!Files.isRegularFile(target)) {
      throw new NoSuchFileException(key, null, "not in the media directory");
    }
    return target;
  }

  @Override
  public void delete(String key) {
    try {
      Path target = resolve(key);
      refuseLinks(target.getParent());
      Files.deleteIfExists(target);
    } catch (IOException e) {
      log.warn("could not delete media file {}: {}", key, e.toString());
    }
  }

  /** Fails when a directory between the root and {@code path}, or {@code path} itself, is a symbolic link. */
  private void refuseLinks(Path path) throws IOException {
    Path current = root;
    for (Path part : root.relativize(path)) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        throw new IOException("refusing to follow the symbolic link " + current + " in the media directory");
      }
    }
  }

  private Path resolve(String key) {
    Path target = root.resolve(key).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new IllegalArgumentException("media key outside the media directory: " + key);
    }
    return target;
  }
}
