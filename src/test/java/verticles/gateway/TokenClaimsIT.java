package verticles.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.Users;
import verticles.support.Videos;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens signed with the node's own secret that the gateway would never issue: for a user that
 * does not exist, or with claims of another shape. They are invalid tokens (401) where a token is
 * required, and ignored where it only personalises (the feed), never a 500.
 */
class TokenClaimsIT extends OneNodePerClass {
  private static final String HEADER = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";

  @Test
  void aSignedTokenOfAUserThatDoesNotExistIsInvalid() {
    Users.Account author = Users.register(api, "real");
    Videos.Video video = Videos.create(app, author.id());
    String ghost = sign(HEADER, "{\"exp\":" + later() + ",\"sub\":\"987654321\"}");

    for (Reply write : new Reply[] {
        api.post("/douyin/favorite/action/", "token", ghost, "video_id", video.idParam(), "action_type", "1"),
        api.post("/douyin/comment/action/", "token", ghost, "video_id", video.idParam(), "action_type", "1",
            "comment_text", "from nobody"),
        api.post("/douyin/relation/action/", "token", ghost, "to_user_id", Long.toString(author.id()), "action_type", "1"),
        api.post("/douyin/message/action/", "token", ghost, "to_user_id", Long.toString(author.id()), "action_type", "1",
            "content", "from nobody"),
        api.postMultipart("/douyin/publish/action/", MultipartForm.create().attribute("token", ghost)
            .attribute("title", "ghost video").binaryFileUpload("data", "v.mp4", Buffer.buffer("not a video"), "video/mp4")),
        api.get("/douyin/user/", "token", ghost),
        api.get("/douyin/message/chat/", "token", ghost, "to_user_id", Long.toString(author.id())),
        api.get("/douyin/relation/friend/list/", "token", ghost, "user_id", "987654321")}) {
      assertEquals(200, write.status(), write.toString());
      assertEquals(401, write.code(), write.toString());
      assertEquals(Tokens.INVALID, write.message());
    }
    assertEquals(0, api.get("/douyin/comment/list/", "video_id", video.idParam()).body().getJsonArray("comment_list").size(),
        "the refused comment was not stored");
    assertEquals(0L, Videos.fromFeed(api, video, null).getLong("favorite_count"), "the refused like was not stored");
    JsonObject seenByGhost = Videos.fromFeed(api, video, ghost);
    assertFalse(seenByGhost.getBoolean("is_favorite"), "on the feed the token is ignored");
    assertEquals(0, api.get("/douyin/user/", "token", author.token()).code(), "a real user's token still works");
  }

  @Test
  void claimsOfAnyOtherShapeAreInvalidNotAServerError() {
    Users.Account account = Users.register(api, "shape");
    String id = Long.toString(account.id());
    long exp = later();
    Map<String, String> odd = new LinkedHashMap<>();
    odd.put("sub as a number", sign(HEADER, "{\"exp\":" + exp + ",\"sub\":" + id + "}"));
    odd.put("exp as a string", sign(HEADER, "{\"exp\":\"" + exp + "\",\"sub\":\"" + id + "\"}"));
    odd.put("exp as a fraction", sign(HEADER, "{\"exp\":" + exp + ".5,\"sub\":\"" + id + "\"}"));
    odd.put("sub as an object", sign(HEADER, "{\"exp\":" + exp + ",\"sub\":{\"id\":" + id + "}}"));
    odd.put("sub of zero", sign(HEADER, "{\"exp\":" + exp + ",\"sub\":\"0\"}"));
    odd.put("negative sub", sign(HEADER, "{\"exp\":" + exp + ",\"sub\":\"-" + id + "\"}"));
    odd.put("sub with a sign", sign(HEADER, "{\"exp\":" + exp + ",\"sub\":\"+" + id + "\"}"));
    odd.put("huge sub", sign(HEADER, "{\"exp\":" + exp + ",\"sub\":\"99999999999999999999\"}"));
    odd.put("no exp", sign(HEADER, "{\"sub\":\"" + id + "\"}"));
    odd.put("null exp", sign(HEADER, "{\"exp\":null,\"sub\":\"" + id + "\"}"));
    odd.put("an extra claim", sign(HEADER, "{\"exp\":" + exp + ",\"sub\":\"" + id + "\",\"admin\":true}"));
    odd.put("a payload that is an array", sign(HEADER, "[1,2]"));
    odd.put("a payload that is not JSON", sign(HEADER, "not json"));
    odd.put("a header with a key id", sign("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"x\"}",
        "{\"exp\":" + exp + ",\"sub\":\"" + id + "\"}"));
    odd.put("a header naming another algorithm", sign("{\"typ\":\"JWT\",\"alg\":\"HS512\"}",
        "{\"exp\":" + exp + ",\"sub\":\"" + id + "\"}"));
    odd.put("four parts", sign(HEADER, "{\"exp\":" + exp + ",\"sub\":\"" + id + "\"}") + ".x");
    for (Map.Entry<String, String> token : odd.entrySet()) {
      Reply mine = api.get("/douyin/user/", "token", token.getValue());
      assertEquals(200, mine.status(), token.getKey() + ": " + mine);
      assertEquals(401, mine.code(), token.getKey() + ": " + mine);
      Reply feed = api.get("/douyin/feed/", "token", token.getValue());
      assertEquals(0, feed.code(), token.getKey() + " on the feed: " + feed);
    }
    String wellFormed = sign(HEADER, "{\"exp\":" + exp + ",\"sub\":\"" + id + "\"}");
    assertEquals(0, api.get("/douyin/user/", "token", wellFormed).code(), "the same shape as issued tokens is accepted");
    assertTrue(account.token().split("\\.").length == 3);
  }

  private static long later() {
    return System.currentTimeMillis() / 1000 + 3600;
  }

  /** An HS256 JWT of exactly this header and payload, signed with the node's secret. */
  private static String sign(String header, String payload) {
    String signed = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(app.config().string(Setting.JWT_SECRET).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signed + "." + b64(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
