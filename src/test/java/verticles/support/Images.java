package verticles.support;

import java.awt.image.BufferedImage;

/** Checks on decoded images. */
public final class Images {
  private Images() {
  }

  /** Mean luma (BT.601, 0–255) of every pixel: near 0 for a black frame. */
  public static double meanLuma(BufferedImage image) {
    double sum = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        sum += 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
      }
    }
    return sum / ((double) image.getWidth() * image.getHeight());
  }
}
