package verticles.demo;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Draws the demo videos with FFmpeg through javacv: a colour gradient that drifts through the
 * spectrum, rings that sweep across, the clip's text bouncing from side to side and a running
 * time code. H.264 in MP4 with the index up front, which every browser plays as it downloads.
 * Blocking: call it from a worker.
 */
final class DemoClips {
  private static final Logger log = LoggerFactory.getLogger(DemoClips.class);
  static final int FPS = 25;
  /** Whether Java2D can draw text here (a headless JRE without any font cannot). */
  private static final boolean TEXT = canDrawText();

  /** One clip: its size, length, base hue (0–1) and the text moving across it. */
  record Spec(int width, int height, int seconds, float hue, String text) {
  }

  private DemoClips() {
  }

  static Path write(Spec spec, Path file) {
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), spec.width(), spec.height(), 0)) {
      recorder.setFormat("mp4");
      recorder.setOption("movflags", "+faststart");
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
      recorder.setVideoCodecName("libopenh264");
      recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(FPS);
      recorder.setGopSize(FPS);
      recorder.setVideoBitrate(spec.width() * spec.height() * 3);
      recorder.start();
      Java2DFrameConverter converter = new Java2DFrameConverter();
      BufferedImage image = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
      for (int i = 0; i < spec.seconds() * FPS; i++) {
        draw(image, spec, i);
        recorder.record(converter.convert(image), avutil.AV_PIX_FMT_BGR24);
      }
      recorder.stop();
      return file;
    } catch (org.bytedeco.javacv.FrameRecorder.Exception e) {
      throw new IllegalStateException("FFmpeg could not record the demo clip '" + spec.text() + "': " + e.getMessage(), e);
    }
  }

  private static void draw(BufferedImage image, Spec spec, int frame) {
    int w = spec.width();
    int h = spec.height();
    float t = frame / (float) (spec.seconds() * FPS);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      float hue = spec.hue() + 0.25f * t;
      g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.75f, 0.95f), w, h, Color.getHSBColor(hue + 0.18f, 0.85f, 0.45f)));
      g.fillRect(0, 0, w, h);
      int unit = Math.min(w, h);
      g.setStroke(new BasicStroke(Math.max(2, unit / 60f)));
      for (int ring = 0; ring < 4; ring++) {
        double phase = (t * 2 + ring / 4.0) % 1.0;
        int r = (int) (unit * (0.1 + phase * 0.6));
        g.setColor(new Color(255, 255, 255, (int) (150 * (1 - phase))));
        g.drawOval((int) (w * (0.2 + 0.6 * t)) - r, (int) (h * 0.45) - r, 2 * r, 2 * r);
      }
      if (TEXT) {
        drawText(g, spec, frame, w, h, unit);
      }
    } finally {
      g.dispose();
    }
  }

  private static void drawText(Graphics2D g, Spec spec, int frame, int w, int h, int unit) {
    Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(14, unit / 7));
    g.setFont(font);
    int fitted = g.getFontMetrics().stringWidth(spec.text());
    if (fitted > w * 0.8) {
      g.setFont(font.deriveFont(font.getSize2D() * (float) (w * 0.8 / fitted)));
    }
    int textWidth = g.getFontMetrics().stringWidth(spec.text());
    int travel = Math.max(1, w - textWidth);
    int period = 2 * travel;
    int step = (frame * Math.max(2, w / 60)) % period;
    int x = step < travel ? step : period - step;
    g.setColor(new Color(0, 0, 0, 90));
    g.drawString(spec.text(), x + 3, h / 2 + 3);
    g.setColor(Color.WHITE);
    g.drawString(spec.text(), x, h / 2);
    g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(10, unit / 18)));
    double seconds = frame / (double) FPS;
    g.drawString(String.format(java.util.Locale.ROOT, "%02d:%04.1f / 00:%02d", (int) seconds / 60, seconds % 60, spec.seconds()),
        unit / 20, unit / 20 + g.getFontMetrics().getAscent());
  }

  private static boolean canDrawText() {
    try {
      Graphics2D g = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR).createGraphics();
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 8));
      g.drawString("A", 0, 8);
      g.dispose();
      return true;
    } catch (Throwable e) { // Java2D throws Errors, not exceptions, when it finds no font at all
      log.warn("no font available to Java2D: the demo videos show colours and shapes but no text ({})", e.toString());
      return false;
    }
  }
}
