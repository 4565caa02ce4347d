package verticles.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The media and uploads directories of a test node: what files they hold. */
public final class MediaDirs {
  private final Path media;
  private final Path uploads;

  public MediaDirs(TestApp app) {
    this.media = app.dataDir().toAbsolutePath().resolve("media");
    this.uploads = app.dataDir().toAbsolutePath().resolve("uploads");
  }

  public Path media() {
    return media;
  }

  /** Every regular file under the media directory. */
  public List<Path> mediaFiles() {
    return files(media);
  }

  /** Waits until no upload is left in the uploads directory (they are deleted when the response ends). */
  public void awaitNoUploads() {
    Poll.until("the uploads directory to be empty", Duration.ofSeconds(10), () -> files(uploads).isEmpty());
  }

  /** The bytes the uploads directory holds now (files that vanish while counted count as empty). */
  public long uploadBytes() {
    long total = 0;
    for (Path file : files(uploads)) {
      try {
        total += Files.size(file);
      } catch (IOException e) {
        // deleted meanwhile
      }
    }
    return total;
  }

  /** The regular files under {@code dir} (walked again when one vanishes during the walk: the server deletes files meanwhile). */
  static List<Path> files(Path dir) {
    while (true) {
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        return walk.filter(Files::isRegularFile).sorted().toList();
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof NoSuchFileException)) {
          throw e;
        }
      } catch (IOException e) {
        if (!(e instanceof NoSuchFileException)) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
