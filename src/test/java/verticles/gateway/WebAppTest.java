package verticles.gateway;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web client's policy lets media come from where this server stores and links it, and nothing else. */
class WebAppTest {
  @Test
  void mediaMayComeFromThePublicBaseUrlAndTheQiniuDomain() {
    Config config = Config.withOverrides(new JsonObject()
        .put("public_base_url", "https://video.example.com/base/")
        .put("qiniu_access_key", "ak").put("qiniu_secret_key", "sk").put("qiniu_bucket", "b")
        .put("qiniu_domain", "cdn.example.net:8443"));
    String policy = WebApp.policy(WebApp.mediaOrigins(config));
    assertTrue(policy.contains("img-src 'self' https://video.example.com https://cdn.example.net:8443;"), policy);
    assertTrue(policy.contains("media-src 'self' blob: https://video.example.com https://cdn.example.net:8443;"), policy);
  }

  @Test
  void withLocalMediaOnlyThisServer() {
    String policy = WebApp.policy(WebApp.mediaOrigins(Config.withOverrides(new JsonObject())));
    assertTrue(policy.startsWith("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self' blob:;"), policy);
    assertEquals(-1, policy.indexOf("unsafe"), policy);
  }
}
