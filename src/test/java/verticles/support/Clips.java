package verticles.support;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Test media made on the fly (no binary fixtures): short MP4 clips whose first frames are black
 * and the rest coloured, a JPEG, and broken files.
 *
 * <p>{@code java -cp <test classes>:<app jar> verticles.support.Clips out.mp4 [seconds [width height fps]]}
 * writes a clip (used by the benchmarks).
 */
public final class Clips {
  public static final int WIDTH = 320;
  public static final int HEIGHT = 240;
  public static final int FPS = 25;

  private Clips() {
  }

  /** A {@code seconds}-long 320x240 MPEG-4 clip: black for the first 0.4 s, then coloured frames. */
  public static Path mp4(Path file, int seconds) {
    return mp4(file, seconds, WIDTH, HEIGHT, FPS);
  }

  /** A {@code seconds}-long MPEG-4 clip of this size and frame rate: black for the first 0.4 s, then coloured frames. */
  public static Path mp4(Path file, int seconds, int width, int height, int fps) {
    return mp4(file, seconds, width, height, fps, 0);
  }

  /**
   * The same, to be shown turned by {@code rotation} degrees (counterclockwise), as phones record
   * a video held upright: the frames are stored as the sensor saw them, with a display matrix.
   */
  public static Path mp4(Path file, int seconds, int width, int height, int fps, double rotation) {
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
      recorder.setFormat("mp4");
      recorder.setDisplayRotation(rotation);
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(fps);
      recorder.setVideoBitrate(400_000);
      recorder.start();
      Java2DFrameConverter converter = new Java2DFrameConverter();
      for (int i = 0; i < seconds * fps; i++) {
        recorder.record(converter.convert(frame(i, width, height, fps)), avutil.AV_PIX_FMT_BGR24);
      }
      recorder.stop();
      return file;
    } catch (Exception e) {
      throw new IllegalStateException("could not record a test clip", e);
    }
  }

  /**
   * A {@code seconds}-long WebM clip of this size at 25 fps: VP9 video (black for 0.4 s, then
   * coloured) and an Opus tone, a format many phones cannot play.
   */
  public static Path webm(Path file, int seconds, int width, int height) {
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 1)) {
      recorder.setFormat("webm");
      recorder.setVideoCodecName("libvpx-vp9");
      recorder.setVideoOption("deadline", "realtime");
      recorder.setVideoOption("cpu-used", "8");
      recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(FPS);
      recorder.setVideoBitrate(300_000);
      recorder.setAudioCodecName("libopus");
      recorder.setSampleRate(48_000);
      recorder.setAudioBitrate(64_000);
      recorder.start();
      Java2DFrameConverter converter = new Java2DFrameConverter();
      int perFrame = 48_000 / FPS;
      for (int i = 0; i < seconds * FPS; i++) {
        recorder.record(converter.convert(frame(i, width, height, FPS)), avutil.AV_PIX_FMT_BGR24);
        short[] tone = new short[perFrame];
        for (int s = 0; s < perFrame; s++) {
          tone[s] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i * perFrame + s) / 48_000.0));
        }
        recorder.recordSamples(48_000, 1, java.nio.ShortBuffer.wrap(tone));
      }
      recorder.stop();
      return file;
    } catch (Exception e) {
      throw new IllegalStateException("could not record a test clip", e);
    }
  }

  private static BufferedImage frame(int i, int width, int height, int fps) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    if (i >= fps * 2 / 5) {
      Graphics2D g = image.createGraphics();
      g.setColor(new Color(40 + (i * 7) % 200, 160, 220));
      g.fillRect(0, 0, width, height);
      g.setColor(Color.WHITE);
      g.fillOval((i * 5) % width, height / 3, 60, 60);
      g.dispose();
    }
    return image;
  }

  /** A small coloured JPEG. */
  public static Path jpeg(Path file) {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    try {
      ImageIO.write(image, "jpg", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first half of {@code clip}: an MP4 cut short. */
  public static Path truncated(Path clip, Path file) {
    try {
      byte[] bytes = Files.readAllBytes(clip);
      return Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: Clips OUT.mp4 [seconds [width height fps]]");
    }
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    if (args.length > 4) {
      mp4(Path.of(args[0]), seconds, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    } else {
      mp4(Path.of(args[0]), seconds);
    }
  }
}
