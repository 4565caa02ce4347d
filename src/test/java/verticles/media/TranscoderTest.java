package verticles.media;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import verticles.support.Clips;
import verticles.support.Mp4s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rendition of formats browsers and phones do not all play: H.264/AAC, fast start, capped. */
class TranscoderTest {
  private static final MediaLimits LIMITS = new MediaLimits(4096, 8_847_360, 600, 120);

  @Test
  void aVp9WebmBecomesAFastStartH264AacMp4WithinTheCaps(@TempDir Path dir) throws IOException {
    Path webm = Clips.webm(dir.resolve("in.webm"), 2, 320, 240);
    Path out = dir.resolve("out.mp4");

    Transcoder.transcode(webm, out, new Transcoder.Caps(120, 300), LIMITS);

    Mp4s.Facts facts = Mp4s.inspect(out);
    assertEquals("h264", facts.videoCodec(), facts.toString());
    assertEquals("aac", facts.audioCodec(), facts.toString());
    assertTrue(facts.format().contains("mp4"), facts.toString());
    assertEquals(160, facts.width(), "the shorter side capped at 120, the aspect kept");
    assertEquals(120, facts.height());
    assertTrue(facts.fastStart(), "moov before mdat: " + Mp4s.boxes(out));
  }

  @Test
  void aSmallVideoWithoutSoundKeepsItsSizeAndHasNoAudioTrack(@TempDir Path dir) throws IOException {
    Path mp4 = Clips.mp4(dir.resolve("in.mp4"), 1);
    Path out = dir.resolve("out.mp4");

    Transcoder.transcode(mp4, out, new Transcoder.Caps(720, 2500), LIMITS);

    Mp4s.Facts facts = Mp4s.inspect(out);
    assertEquals("h264", facts.videoCodec());
    assertEquals(null, facts.audioCodec());
    assertEquals(Clips.WIDTH, facts.width());
    assertEquals(Clips.HEIGHT, facts.height());
  }

  @Test
  void aPhoneVideoHeldUprightIsShownUprightToo(@TempDir Path dir) throws IOException {
    Path upright = Clips.mp4(dir.resolve("in.mp4"), 1, Clips.WIDTH, Clips.HEIGHT, Clips.FPS, 90);
    assertEquals(90, rotation(upright), "the fixture is rotated");
    Path out = dir.resolve("out.mp4");

    Transcoder.transcode(upright, out, new Transcoder.Caps(720, 2500), LIMITS);

    assertEquals(90, rotation(out), "the rendition keeps the original's display rotation");
  }

  private static double rotation(Path video) throws IOException {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
      grabber.start();
      return grabber.getDisplayRotation();
    }
  }

  @Test
  void whatIsNotAVideoFails(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("in.mp4"), "not a video");
    assertThrows(IOException.class, () -> Transcoder.transcode(text, dir.resolve("out.mp4"), new Transcoder.Caps(720, 2500), LIMITS));
  }
}
