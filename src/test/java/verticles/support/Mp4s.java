package verticles.support;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a media file is, as FFmpeg reads it, and the order of an MP4's top-level boxes. */
public final class Mp4s {
  /** Its format, codecs, size and whether the index ({@code moov}) comes before the media data ({@code mdat}). */
  public record Facts(String format, String videoCodec, String audioCodec, int width, int height, boolean fastStart) {
  }

  private Mp4s() {
  }

  public static Facts inspect(Path file) {
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.start();
      List<String> boxes = boxes(file);
      boolean fastStart = boxes.contains("moov") && boxes.contains("mdat") && boxes.indexOf("moov") < boxes.indexOf("mdat");
      return new Facts(grabber.getFormat(), grabber.getVideoCodecName(), grabber.hasAudio() ? grabber.getAudioCodecName() : null,
          grabber.getImageWidth(), grabber.getImageHeight(), fastStart);
    } catch (FrameGrabber.Exception e) {
      throw new AssertionError("FFmpeg cannot read " + file, e);
    }
  }

  /** The types of the top-level ISO BMFF boxes, in file order (empty for a file that is not one). */
  public static List<String> boxes(Path file) {
    List<String> types = new ArrayList<>();
    try (FileChannel channel = FileChannel.open(file)) {
      long position = 0;
      ByteBuffer header = ByteBuffer.allocate(16);
      while (position + 8 <= channel.size()) {
        header.clear();
        channel.read(header, position);
        header.flip();
        long size = Integer.toUnsignedLong(header.getInt());
        byte[] type = new byte[4];
        header.get(type);
        if (size == 1) {
          size = header.getLong();
        } else if (size == 0) {
          size = channel.size() - position;
        }
        if (size < 8) {
          break;
        }
        types.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
        position += size;
      }
      return types;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
