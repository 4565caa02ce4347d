package verticles.media;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A local stand-in for Qiniu Kodo that speaks what the SDK sends: form upload ({@code POST /} with
 * {@code key}, {@code token}, {@code file}), delete ({@code POST /delete/<entry>}) and public
 * downloads ({@code GET /<key>}). It checks the upload token's shape and access key, so the real
 * SDK code path runs end to end.
 */
final class QiniuStandIn {
  static final String ACCESS_KEY = "test-ak";
  static final String BUCKET = "test-bucket";

  final Map<String, Buffer> objects = new ConcurrentHashMap<>();
  /** Keys whose upload is refused (401), to exercise failures half way through a publish. */
  volatile Predicate<String> refuse = key -> false;
  private HttpServer server;

  int start(Vertx vertx, Path uploads) {
    Router router = Router.router(vertx);
    router.post("/").handler(BodyHandler.create(uploads.toString()).setDeleteUploadedFilesOnEnd(true)).handler(this::upload);
    router.post("/delete/:entry").handler(this::delete);
    router.get("/*").handler(this::download);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    return server.actualPort();
  }

  void stop() {
    server.close().await();
  }

  private void upload(RoutingContext ctx) {
    String key = ctx.request().getFormAttribute("key");
    String token = ctx.request().getFormAttribute("token");
    String[] parts = token == null ? new String[0] : token.split(":");
    if (parts.length != 3 || !parts[0].equals(ACCESS_KEY)) {
      reply(ctx, 401, new JsonObject().put("error", "bad token"));
      return;
    }
    String policy = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
    if (!new JsonObject(policy).getString("scope", "").startsWith(BUCKET)) {
      reply(ctx, 401, new JsonObject().put("error", "wrong bucket"));
      return;
    }
    if (refuse.test(key)) {
      reply(ctx, 401, new JsonObject().put("error", "refused by the test"));
      return;
    }
    FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst().orElseThrow();
    ctx.vertx().fileSystem().readFile(file.uploadedFileName()).onComplete(read -> {
      if (read.failed()) {
        reply(ctx, 500, new JsonObject().put("error", read.cause().toString()));
        return;
      }
      objects.put(key, read.result());
      reply(ctx, 200, new JsonObject().put("hash", "Fstandin" + key.hashCode()).put("key", key));
    });
  }

  private void delete(RoutingContext ctx) {
    String entry = new String(Base64.getUrlDecoder().decode(ctx.pathParam("entry")), StandardCharsets.UTF_8);
    String key = entry.substring(entry.indexOf(':') + 1);
    if (objects.remove(key) == null) {
      reply(ctx, 612, new JsonObject().put("error", "no such file or directory"));
    } else {
      reply(ctx, 200, new JsonObject());
    }
  }

  private void download(RoutingContext ctx) {
    Buffer object = objects.get(ctx.normalizedPath().substring(1));
    if (object == null) {
      ctx.response().setStatusCode(404).end();
    } else {
      ctx.response().end(object);
    }
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("X-Reqid", "standin")
        .end(body.encode());
  }
}
