package verticles.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;

/**
 * A small HTTP client for the Douyin API in tests. Calls block the test thread (never an event
 * loop) and return the status and the JSON body.
 */
public final class Api {
  private final WebClient client;

  public Api(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  /** A reply: the HTTP status and the parsed JSON body. */
  public record Reply(int status, JsonObject body, HttpResponse<Buffer> raw) {
    public int code() {
      return body.getInteger("status_code");
    }

    public String message() {
      return body.getString("status_msg");
    }

    @Override
    public String toString() {
      return status + " " + body.encode();
    }
  }

  public WebClient client() {
    return client;
  }

  /** GET with query parameters given as name, value, name, value… */
  public Reply get(String path, String... params) {
    var request = client.get(path);
    request.queryParams().addAll(pairs(params));
    return reply(request.send().await());
  }

  /** POST with the parameters in an url-encoded form body. */
  public Reply post(String path, String... params) {
    return reply(client.post(path).sendForm(pairs(params)).await());
  }

  /** POST with the parameters in the query string and no body. */
  public Reply postQuery(String path, String... params) {
    var request = client.post(path);
    request.queryParams().addAll(pairs(params));
    return reply(request.send().await());
  }

  /** POST with a multipart body (file uploads). */
  public Reply postMultipart(String path, MultipartForm form) {
    return reply(client.post(path).sendMultipartForm(form).await());
  }

  public void close() {
    client.close();
  }

  public static Reply reply(HttpResponse<Buffer> response) {
    String type = response.getHeader("content-type");
    if (type == null || !type.startsWith("application/json")) {
      throw new AssertionError("expected JSON, got " + response.statusCode() + " " + type + ": " + response.bodyAsString());
    }
    return new Reply(response.statusCode(), response.bodyAsJsonObject(), response);
  }

  /** A business failure: HTTP 200, {@code status_code} {@code code}, a message that names {@code naming}. */
  public static void assertFailure(Reply reply, int code, String naming) {
    if (reply.status() != 200 || reply.code() != code || !reply.message().contains(naming)) {
      throw new AssertionError("expected HTTP 200 with status_code " + code + " naming '" + naming + "', got " + reply);
    }
  }

  public static MultiMap pairs(String... params) {
    if (params.length % 2 != 0) {
      throw new IllegalArgumentException("parameters come in name, value pairs");
    }
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < params.length; i += 2) {
      map.add(params[i], params[i + 1]);
    }
    return map;
  }
}
