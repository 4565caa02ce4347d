package verticles.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where published videos and covers live. Keys are relative paths such as
 * {@code videos/<uuid>.mp4}; {@link #put} answers what the videos table stores: a relative path
 * ({@code /media/...}, made absolute by the gateway) or an absolute URL. Every method blocks: call
 * them from the media worker only.
 */
public interface ObjectStorage {
  /** {@code local} or {@code qiniu}: the {@code storage} column of a video. */
  String kind();

  /**
   * Stores {@code file} under {@code key}. The storage may take the file over (move it) when
   * {@code movable}; otherwise the file is left in place.
   */
  String put(Path file, String key, String contentType, boolean movable) throws IOException;

  /**
   * A local file with the content stored under {@code key}, for reading only: the stored file
   * itself (local storage) or a copy downloaded into {@code scratch} (the caller deletes what is
   * under {@code scratch}). Fails when there is no such object.
   */
  Path fetch(String key, Path scratch) throws IOException;

  /** Removes {@code key}; best effort (a key that does not exist is not an error). */
  void delete(String key);
}
