package verticles.media;

import verticles.common.Failure;
import verticles.common.config.Config;
import verticles.common.config.Setting;

/**
 * What the media worker accepts of a video, checked on the stream headers before any frame is
 * decoded (and again on what the decoder reports): a decode bomb (a tiny file of huge or
 * countless frames) is refused with a 400 instead of taking the worker's memory and time.
 */
record MediaLimits(int maxSide, long maxPixels, int maxSeconds, int maxFps) {
  static MediaLimits of(Config config) {
    return new MediaLimits(config.integer(Setting.MEDIA_MAX_SIDE_PX), config.integer(Setting.MEDIA_MAX_PIXELS),
        config.integer(Setting.MEDIA_MAX_SECONDS), config.integer(Setting.MEDIA_MAX_FPS));
  }

  /** Fails with a 400 naming the limit when a known value exceeds it; unknown values (0 or less) pass. */
  void check(int width, int height, double seconds, double fps) {
    if (width > maxSide || height > maxSide) {
      throw refused("it is " + width + "×" + height + " pixels; at most " + maxSide + " per side are accepted");
    }
    if ((long) width * height > maxPixels) {
      throw refused("its frames are " + width + "×" + height + " pixels; at most " + maxPixels + " pixels per frame are accepted");
    }
    if (seconds > maxSeconds) {
      throw refused("it lasts " + Math.round(seconds) + " s; at most " + maxSeconds + " s are accepted");
    }
    if (fps > maxFps) {
      throw refused("it has " + Math.round(fps) + " frames per second; at most " + maxFps + " are accepted");
    }
  }

  private static Failure refused(String why) {
    return Failure.badRequest("data is a video beyond this server's limits: " + why);
  }
}
