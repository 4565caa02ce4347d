package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import verticles.common.LruMap;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The default avatar and background of each user: PNGs drawn from the user id (a symmetric 5×5
 * identicon, a two-colour gradient), so every user has working, distinct images without storage.
 * Drawn on a worker thread and kept in a small LRU cache; clients may cache them for a day.
 */
final class GeneratedImages {
  private static final int CACHE_ENTRIES = 2048;
  private static final Map<String, Buffer> CACHE = Collections.synchronizedMap(new LruMap<>(CACHE_ENTRIES));

  private final Vertx vertx;

  GeneratedImages(Vertx vertx) {
    this.vertx = vertx;
  }

  void avatar(RoutingContext ctx) {
    serve(ctx, "avatar", GeneratedImages::drawAvatar);
  }

  void background(RoutingContext ctx) {
    serve(ctx, "background", GeneratedImages::drawBackground);
  }

  private void serve(RoutingContext ctx, String kind, LongFunction<BufferedImage> draw) {
    String name = ctx.pathParam("file");
    if (name == null || !name.matches("[1-9]\\d{0,17}\\.png")) {
      Envelope.transport(ctx, 404, "no such image");
      return;
    }
    long id = Long.parseLong(name.substring(0, name.length() - 4));
    String key = kind + "/" + id;
    Buffer cached = CACHE.get(key);
    Future<Buffer> png = cached != null ? Future.succeededFuture(cached)
        : vertx.executeBlocking(() -> encode(draw.apply(id)), false).onSuccess(b -> CACHE.put(key, b));
    png.onSuccess(bytes -> ctx.response()
            .putHeader("content-type", "image/png")
            .putHeader("cache-control", "public, max-age=86400")
            .end(bytes))
        .onFailure(e -> Envelope.fail(ctx, e));
  }

  private static Color color(long seed, int salt) {
    long h = mix(seed * 31 + salt);
    float hue = (h & 0xFFFF) / 65536f;
    return Color.getHSBColor(hue, 0.55f, 0.85f);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static BufferedImage drawAvatar(long id) {
    int cell = 40;
    int size = cell * 6;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0xF2, 0xF2, 0xF2));
    g.fillRect(0, 0, size, size);
    g.setColor(color(id, 1));
    long bits = mix(id);
    for (int row = 0; row < 5; row++) {
      for (int col = 0; col < 3; col++) {
        if (((bits >>> (row * 3 + col)) & 1) == 1) {
          g.fillRect(cell / 2 + col * cell, cell / 2 + row * cell, cell, cell);
          g.fillRect(cell / 2 + (4 - col) * cell, cell / 2 + row * cell, cell, cell);
        }
      }
    }
    g.dispose();
    return image;
  }

  static BufferedImage drawBackground(long id) {
    int width = 720;
    int height = 400;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, color(id, 2), width, height, color(id, 3)));
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  private static Buffer encode(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return Buffer.buffer(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
