package verticles.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes the web-safe rendition of a video: H.264 (OpenH264, constrained baseline: every browser and
 * phone decodes it) and AAC in MP4 with the index in front ({@code movflags +faststart}: playback
 * starts before the whole file has arrived), the shorter side at most {@code rendition_max_height},
 * the video bitrate at most {@code rendition_max_kbps} (and never above the original's), the frame
 * rate the original's up to 60. Blocking and CPU-bound: the transcode pool runs it, one thread per
 * job (the decoder and the encoder each on one thread).
 *
 * <p>OpenH264 because the FFmpeg build the project ships is the LGPL one, which has it; libx264 comes
 * only with the GPL build, which would put the whole server under the GPL.
 */
final class Transcoder {
  static final String ENCODER = "libopenh264";
  static final int AUDIO_BPS = 128_000;
  private static final double MAX_FPS = 60;

  static {
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
  }

  /** The rendition's caps. */
  record Caps(int maxShortSide, int maxKbps) {
    static Caps of(Config config) {
      return new Caps(config.integer(Setting.RENDITION_MAX_HEIGHT), config.integer(Setting.RENDITION_MAX_KBPS));
    }
  }

  private Transcoder() {
  }

  /** Writes the rendition of {@code original} to {@code target} (an .mp4 path); fails when FFmpeg cannot. */
  static void transcode(Path original, Path target, Caps caps, MediaLimits limits) throws IOException {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(original.toFile())) {
      grabber.setVideoOption("threads", "1");
      grabber.setVideoOption("max_pixels", Long.toString(limits.maxPixels() * 2));
      grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      grabber.start();
      if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
        throw new IOException("the original has no video stream");
      }
      limits.check(grabber.getImageWidth(), grabber.getImageHeight(), grabber.getLengthInTime() / 1e6, grabber.getFrameRate());
      int width = grabber.getImageWidth();
      int height = grabber.getImageHeight();
      double scale = Math.min(1.0, caps.maxShortSide() / (double) Math.min(width, height));
      int channels = grabber.hasAudio() ? Math.min(2, Math.max(1, grabber.getAudioChannels())) : 0;
      double fps = grabber.getFrameRate() >= 1 && grabber.getFrameRate() <= MAX_FPS ? grabber.getFrameRate() : 30;
      try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), even(width * scale), even(height * scale), channels)) {
        recorder.setFormat("mp4");
        recorder.setOption("movflags", "+faststart");
        // Phones store a video held upright as the sensor saw it, with a display rotation: kept.
        recorder.setDisplayRotation(grabber.getDisplayRotation());
        recorder.setVideoCodecName(ENCODER);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize((int) Math.round(fps * 2));
        recorder.setVideoBitrate(videoBitrate(caps, grabber.getVideoBitrate()));
        recorder.setVideoOption("rc_mode", "bitrate");
        recorder.setVideoOption("threads", "1");
        if (channels > 0) {
          recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
          recorder.setAudioBitrate(AUDIO_BPS);
          recorder.setSampleRate(grabber.getSampleRate() > 0 ? grabber.getSampleRate() : 48_000);
        }
        recorder.start();
        copy(grabber, recorder);
        recorder.stop();
      }
    } catch (FFmpegFrameGrabber.Exception | FFmpegFrameRecorder.Exception e) {
      throw new IOException("FFmpeg could not transcode it: " + e.getMessage(), e);
    }
  }

  /** Every frame, on the original's clock (from its first frame on), so sound and picture stay together. */
  private static void copy(FFmpegFrameGrabber grabber, FFmpegFrameRecorder recorder)
      throws FFmpegFrameGrabber.Exception, FFmpegFrameRecorder.Exception {
    long start = Long.MIN_VALUE;
    Frame frame;
    while ((frame = grabber.grab()) != null) {
      if (frame.image == null && frame.samples == null) {
        continue;
      }
      if (start == Long.MIN_VALUE) {
        start = frame.timestamp;
      }
      long at = frame.timestamp - start;
      if (at > recorder.getTimestamp()) {
        recorder.setTimestamp(at);
      }
      if (frame.image != null) {
        recorder.record(frame, avutil.AV_PIX_FMT_YUV420P);
      } else if (recorder.getAudioChannels() > 0) {
        recorder.record(frame);
      }
    }
  }

  private static int videoBitrate(Caps caps, long original) {
    long cap = caps.maxKbps() * 1000L;
    return (int) (original > 0 ? Math.min(cap, original) : cap);
  }

  /** H.264 with 4:2:0 wants even sizes. */
  private static int even(double size) {
    return Math.max(2, (int) Math.round(size / 2) * 2);
  }
}
