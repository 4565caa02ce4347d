package verticles.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
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

  /** What the probe found: the extension for the stored video, a JPEG cover and the duration (ms, 0 when unknown). */
  record Result(String extension, byte[] cover, long durationMs) {
  }

  private VideoProbe() {
  }

  /**
   * Inspects {@code file}; a 400 {@link Failure} naming {@code data} when it is not a video or is
   * beyond {@code limits}. The limits are checked on the stream analysis before any frame is
   * grabbed, and again on what the grabber reports. Decoders run on one thread and never allocate
   * frames far beyond {@code limits.maxPixels()}.
   */
  static Result inspect(Path file, MediaLimits limits) {
    checkHeaders(file, limits);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.setVideoOption("threads", "1");
      grabber.setVideoOption("max_pixels", decoderMaxPixels(limits));
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
      limits.check(grabber.getImageWidth(), grabber.getImageHeight(), grabber.getLengthInTime() / 1e6,
          grabber.getFrameRate());
      byte[] cover = cover(grabber);
      return new Result(extension.get(), cover, Math.max(0, grabber.getLengthInTime() / 1000));
    } catch (FrameGrabber.Exception e) {
      throw notAVideo("FFmpeg cannot decode it");
    }
  }

  /**
   * The limits against what FFmpeg's stream analysis finds, before the grabber decodes anything:
   * every video stream's size and frame rate, and the duration. The analysis runs its decoders on
   * one thread with {@code max_pixels}, so a frame far over the limit is never allocated: its
   * size stays unknown, and that refuses the file. A file FFmpeg cannot open passes here and fails in
   * {@link #inspect}.
   */
  private static void checkHeaders(Path file, MediaLimits limits) {
    AVFormatContext context = new AVFormatContext(null);
    if (avformat.avformat_open_input(context, file.toString(), null, null) < 0) {
      return;
    }
    int streams = context.nb_streams();
    PointerPointer<AVDictionary> options = new PointerPointer<>(streams);
    try {
      for (int i = 0; i < streams; i++) {
        AVDictionary option = new AVDictionary(null);
        avutil.av_dict_set(option, "threads", "1", 0);
        avutil.av_dict_set(option, "max_pixels", decoderMaxPixels(limits), 0);
        options.put(i, option);
      }
      avformat.avformat_find_stream_info(context, options);
      double seconds = context.duration() == avutil.AV_NOPTS_VALUE ? 0 : context.duration() / (double) avutil.AV_TIME_BASE;
      limits.check(0, 0, seconds, 0);
      for (int i = 0; i < streams; i++) {
        AVStream stream = context.streams(i);
        AVCodecParameters codec = stream.codecpar();
        if (codec == null || codec.codec_type() != avutil.AVMEDIA_TYPE_VIDEO) {
          continue;
        }
        if (codec.width() <= 0 || codec.height() <= 0) {
          throw notAVideo("its frame size is unknown or far above " + limits.maxPixels() + " pixels");
        }
        limits.check(codec.width(), codec.height(), 0, Math.max(rate(stream.avg_frame_rate()), rate(stream.r_frame_rate())));
      }
    } finally {
      for (int i = 0; i < streams; i++) {
        avutil.av_dict_free(new AVDictionary(options.get(i)));
      }
      options.close();
      avformat.avformat_close_input(context);
    }
  }

  /**
   * The decoders' {@code max_pixels}: they count padded frame buffers (aligned, with edges), so
   * they get twice the limit; the exact limit is checked on the stream's size.
   */
  private static String decoderMaxPixels(MediaLimits limits) {
    return Long.toString(limits.maxPixels() * 2);
  }

  private static double rate(AVRational rational) {
    return rational == null || rational.den() <= 0 ? 0 : rational.num() / (double) rational.den();
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
