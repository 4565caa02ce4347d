package verticles.demo;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.nio.file.Path;
import java.util.Set;

/**
 * This node's own Douyin API over HTTP, used as any client uses it: a call succeeds only with
 * HTTP 200 and {@code status_code} 0, and fails with the server's message otherwise.
 */
final class OwnApi {
  private static final Set<String> WILDCARDS = Set.of("", "0.0.0.0", "::", "[::]");
  private final WebClient client;

  OwnApi(Vertx vertx, Config config) {
    String host = config.string(Setting.HTTP_HOST);
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(WILDCARDS.contains(host) ? "127.0.0.1" : host)
        .setDefaultPort(config.integer(Setting.HTTP_PORT)));
  }

  /** A POST with the parameters (name, value, …) as a form body. */
  Future<JsonObject> post(String path, String... params) {
    return client.post(path).sendForm(form(params)).compose(r -> checked(path, r));
  }

  /** A GET with the parameters in the query string. */
  Future<JsonObject> get(String path, String... params) {
    var request = client.get(path);
    request.queryParams().addAll(form(params));
    return request.send().compose(r -> checked(path, r));
  }

  Future<JsonObject> publish(String token, String title, Path clip) {
    MultipartForm form = MultipartForm.create()
        .attribute("token", token)
        .attribute("title", title)
        .binaryFileUpload("data", clip.getFileName().toString(), clip.toString(), "video/mp4");
    String path = "/douyin/publish/action/";
    return client.post(path).sendMultipartForm(form).compose(r -> checked(path, r));
  }

  void close() {
    client.close();
  }

  private static Future<JsonObject> checked(String path, HttpResponse<Buffer> response) {
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (response.statusCode() != 200 || body == null || body.getInteger("status_code", -1) != 0) {
      String why = body == null ? "HTTP " + response.statusCode() : body.getString("status_msg");
      return Future.failedFuture(new IllegalStateException(path + " answered: " + why));
    }
    return Future.succeededFuture(body);
  }

  private static MultiMap form(String... params) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i + 1 < params.length; i += 2) {
      map.add(params[i], params[i + 1]);
    }
    return map;
  }
}
