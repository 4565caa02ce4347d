package verticles.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import verticles.common.Failure;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a file is a video by decoding it with FFmpeg, and picks its cover.
 *
 * <p>FFmpeg opens almost anything (a text file as {@code tty}, a JPEG as {@code image2}), so a
 * file is a video only when its container is on an allow-list, it has a video stream, and at
 * least one frame decodes. The cover is the first sampled frame (one every half second over the
 * first seconds) that is not near-black, else the brightest sample: a fade-in does not give a
 * black cover.
 */
final class VideoProbe {
  /** FFmpeg demuxer name → the extension the stored file gets. */
  private static final Map<String, String> CONTAINERS = Map.of(
      "mov", "mp4", "mp4", "mp4", "matroska", "mkv", "webm", "webm", "avi", "avi",
      "flv", "flv", "mpegts", "ts", "mpeg", "mpg", "ogg", "ogv", "asf", "wmv");
  /** Mean luma (0–255) from which a frame counts as showing something. */
  static final double DARK = 32;
  private static final long SAMPLE_EVERY_US = 500_000;
  private static final int MAX_SAMPLES = 12;
  /** Frames decoded at most while looking for samples (bounds the work on long, static videos). */
  private static final int MAX_FRAMES = 600;

  static {
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
  }

  /** What the probe found: the extension for the stored video and a JPEG cover. */
  record Result(String extension, byte[] cover) {
  }

  private VideoProbe() {
  }

  /** Inspects {@code file}; a 400 {@link Failure} naming {@code data} when it is not a video. */
  static Result inspect(Path file) {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      try {
        grabber.start();
      } catch (FFmpegFrameGrabber.Exception e) {
        throw notAVideo("FFmpeg cannot read it as a media file");
      }
      String format = grabber.getFormat() == null ? "" : grabber.getFormat();
      Optional<String> extension = Arrays.stream(format.split(",")).map(CONTAINERS::get)
          .filter(Objects::nonNull).findFirst();
      if (extension.isEmpty()) {
        throw notAVideo("its format '" + format + "' is not a video container");
      }
      if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
        throw notAVideo("it has no video stream");
      }
      byte[] cover = cover(grabber);
      return new Result(extension.get(), cover);
    } catch (FrameGrabber.Exception e) {
      throw notAVideo("FFmpeg cannot decode it");
    }
  }

  private static byte[] cover(FFmpegFrameGrabber grabber) {
    Java2DFrameConverter converter = new Java2DFrameConverter();
    byte[] best = null;
    double bestLuma = -1;
    long nextSample = Long.MIN_VALUE;
    int samples = 0;
    for (int frames = 0; frames < MAX_FRAMES && samples < MAX_SAMPLES; frames++) {
      Frame frame;
      try {
        frame = grabber.grabImage();
      } catch (FFmpegFrameGrabber.Exception e) {
        break;
      }
      if (frame == null) {
        break;
      }
      if (frame.image == null || (nextSample != Long.MIN_VALUE && frame.timestamp < nextSample)) {
        continue;
      }
      BufferedImage image = converter.convert(frame);
      if (image == null) {
        continue;
      }
      samples++;
      nextSample = frame.timestamp + SAMPLE_EVERY_US;
      double luma = meanLuma(image);
      if (luma > bestLuma) {
        bestLuma = luma;
        best = jpeg(image);
      }
      if (luma >= DARK) {
        break;
      }
    }
    if (best == null) {
      throw notAVideo("no frame of it can be decoded");
    }
    return best;
  }

  /** Mean luma (BT.601) over a grid of at most 64×64 pixels. */
  static double meanLuma(BufferedImage image) {
    int stepX = Math.max(1, image.getWidth() / 64);
    int stepY = Math.max(1, image.getHeight() / 64);
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.getHeight(); y += stepY) {
      for (int x = 0; x < image.getWidth(); x += stepX) {
        int rgb = image.getRGB(x, y);
        sum += 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  private static byte[] jpeg(BufferedImage image) {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(image, 0, 0, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(rgb, "jpg", out)) {
        throw new IllegalStateException("no JPEG writer available");
      }
    } catch (IOException e) {
      throw new IllegalStateException("encoding the cover failed", e);
    }
    return out.toByteArray();
  }

  private static Failure notAVideo(String why) {
    return Failure.badRequest("data is not a video this server can decode: " + why);
  }
}
