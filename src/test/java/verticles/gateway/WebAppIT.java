package verticles.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Api;
import verticles.support.OneNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static verticles.support.Api.assertFailure;

/**
 * The web client as the gateway serves it: the page and every module it imports, with a strict
 * Content-Security-Policy, revalidated caching and the features list; and the token in an
 * Authorization header, the client's way of keeping it out of URLs. (The client itself is tested in
 * a real browser: src/test/browser.)
 */
class WebAppIT extends OneNodePerClass {
  private static final Pattern IMPORT = Pattern.compile("(?m)^import .* from '(\\./|\\.\\./)([^']+)';$");
  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/app/[^\"]+)\"");

  private static HttpResponse<Buffer> get(String path) {
    return api.client().get(path).send().await();
  }

  @Test
  void thePageAndEveryModuleItImportsAreServedWithAStrictPolicy() {
    HttpResponse<Buffer> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.getHeader("content-type").startsWith("text/html"), page.getHeader("content-type"));
    String policy = page.getHeader("content-security-policy");
    assertNotNull(policy, "the page carries a Content-Security-Policy");
    assertTrue(policy.contains("script-src 'self';") && policy.contains("default-src 'none'"), policy);
    assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertEquals("nosniff", page.getHeader("x-content-type-options"));
    String html = page.bodyAsString();
    assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find(), "no inline script");
    assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no inline event handler");

    // Every asset of the page and every module reachable from main.js is served (no broken import).
    Deque<String> pending = new ArrayDeque<>();
    Matcher assets = ASSET.matcher(html);
    while (assets.find()) {
      pending.add(assets.group(1));
    }
    Set<String> served = new HashSet<>();
    while (!pending.isEmpty()) {
      String path = pending.pop();
      if (!served.add(path)) {
        continue;
      }
      HttpResponse<Buffer> file = get(path);
      assertEquals(200, file.statusCode(), path);
      assertNotNull(file.getHeader("content-security-policy"), path);
      if (path.endsWith(".js")) {
        assertTrue(file.getHeader("content-type").startsWith("text/javascript"), path + ": " + file.getHeader("content-type"));
        Matcher imports = IMPORT.matcher(file.bodyAsString());
        while (imports.find()) {
          String dir = path.substring(0, path.lastIndexOf('/') + 1);
          pending.add(java.net.URI.create(dir).resolve(imports.group(1) + imports.group(2)).toString());
        }
      }
    }
    assertTrue(served.contains("/app/main.js") && served.contains("/app/style.css") && served.contains("/app/views/feed.js"), served.toString());
    assertTrue(served.size() >= 15, "the page's modules: " + served);
  }

  @Test
  void filesAreRevalidatedSoAnUpgradeIsSeenAtOnce() {
    HttpResponse<Buffer> first = get("/app/main.js");
    assertEquals("no-cache", first.getHeader("cache-control"));
    String modified = first.getHeader("last-modified");
    assertNotNull(modified);
    HttpResponse<Buffer> again = api.client().get("/app/main.js").putHeader("If-Modified-Since", modified).send().await();
    assertEquals(304, again.statusCode());
  }

  @Test
  void anUnknownFileIsA404WithTheEnvelope() {
    Api.Reply reply = Api.reply(get("/app/no-such-module.js"));
    assertEquals(404, reply.status());
    assertEquals(404, reply.code());
  }

  @Test
  void theFeaturesListNamesWhatThisServerOffers() {
    HttpResponse<Buffer> response = get("/app/features.json");
    assertEquals(200, response.statusCode());
    JsonObject features = response.bodyAsJsonObject();
    assertEquals(new io.vertx.core.json.JsonArray().add("latest").add("hot").add("recommend"), features.getJsonArray("feeds"));
    assertEquals(app.config().integer(Setting.UPLOAD_LIMIT_MB), features.getInteger("upload_limit_mb"));
  }

  @Test
  void aBearerTokenInTheAuthorizationHeaderWorksLikeTheTokenParameter() {
    Account me = Users.register(api, "bearer");
    Account other = Users.register(api, "bearer_other");
    Api.Reply info = Api.reply(api.client().get("/douyin/user/").bearerTokenAuthentication(me.token()).send().await());
    assertEquals(0, info.code(), info.toString());
    assertEquals(me.id(), info.body().getJsonObject("user").getLong("id"), "without user_id: the header's owner");

    Api.Reply follow = Api.reply(api.client().post("/douyin/relation/action/").bearerTokenAuthentication(me.token())
        .sendForm(Api.pairs("to_user_id", Long.toString(other.id()), "action_type", "1")).await());
    assertEquals(0, follow.code(), follow.toString());
    JsonObject followed = Api.reply(api.client().get("/douyin/relation/follow/list/?user_id=" + me.id())
        .bearerTokenAuthentication(me.token()).send().await()).body().getJsonArray("user_list").getJsonObject(0);
    assertEquals(other.id(), followed.getLong("id"));
    assertTrue(followed.getBoolean("is_follow"), "an optional token in the header personalises reads too");

    assertFailure(Api.reply(api.client().get("/douyin/user/").bearerTokenAuthentication("not-a-token").send().await()), 401, "token");
    assertFailure(Api.reply(api.client().get("/douyin/user/").putHeader("Authorization", "Basic " + me.token()).send().await()),
        401, "token");
  }
}
