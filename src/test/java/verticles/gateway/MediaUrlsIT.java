package verticles.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.MediaDirs;
import verticles.support.OneNodePerClass;
import verticles.support.Users;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The URLs in responses name only configured hosts (never a forged {@code Host}), and the media
 * files: suffix ranges, and no symbolic links followed.
 */
class MediaUrlsIT extends OneNodePerClass {
  @Override
  protected JsonObject settings() {
    return new JsonObject().put(Setting.ALLOWED_HOSTS.key(), "video.test, localhost");
  }

  @Test
  void avatarUrlsNameAnAllowedHostOrTheAddressTheRequestArrivedAt() {
    Users.Account account = Users.register(api, "urls");
    String local = "http://127.0.0.1:" + app.port();
    assertEquals(local, avatarBase(account, null), "the Host of the address itself");
    assertEquals(local, avatarBase(account, "attacker.example"), "a forged Host is not echoed");
    assertEquals(local, avatarBase(account, "attacker.example:" + app.port()));
    assertEquals("http://video.test:8080", avatarBase(account, "video.test:8080"), "an allowed host name is kept");
    assertEquals("http://video.test", avatarBase(account, "VIDEO.test"));
    assertEquals("http://localhost:" + app.port(), avatarBase(account, "localhost:" + app.port()));
  }

  @Test
  void aSuffixRangeIsTheLastBytes() throws Exception {
    byte[] content = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    String name = UUID.randomUUID().toString().replace("-", "") + ".mp4";
    Path videos = Files.createDirectories(new MediaDirs(app).media().resolve("videos"));
    Files.write(videos.resolve(name), content);

    HttpResponse<Buffer> last = get("/media/videos/" + name, "bytes=-5");
    assertEquals(206, last.statusCode(), last.bodyAsString());
    assertEquals("bytes 15-19/20", last.getHeader("Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(content, 15, 20), last.body().getBytes());

    HttpResponse<Buffer> more = get("/media/videos/" + name, "bytes=-500");
    assertEquals(206, more.statusCode());
    assertEquals("bytes 0-19/20", more.getHeader("Content-Range"), "a suffix longer than the file is the whole file");
    assertArrayEquals(content, more.body().getBytes());

    HttpResponse<Buffer> empty = get("/media/videos/" + name, "bytes=-0");
    assertEquals(416, empty.statusCode(), "an empty suffix cannot be satisfied");
    assertEquals("bytes */20", empty.getHeader("Content-Range"));
    assertEquals(416, empty.bodyAsJsonObject().getInteger("status_code"));
    assertEquals(416, get("/media/videos/" + name, "bytes=20-").statusCode(), "a range past the end neither");
    assertEquals(206, get("/media/videos/" + name, "bytes=3-4").statusCode(), "explicit ranges still work");
    assertEquals(200, get("/media/videos/" + name, null).statusCode());
  }

  @Test
  void symbolicLinksInsideTheMediaDirectoryAreNotFollowed() throws Exception {
    Path outside = Files.createTempFile("vertok-outside", ".txt");
    Files.writeString(outside, "not media");
    Path media = new MediaDirs(app).media();
    Path covers = Files.createDirectories(media.resolve("covers"));
    String linked = UUID.randomUUID().toString().replace("-", "") + ".jpg";
    Files.createSymbolicLink(covers.resolve(linked), outside);
    HttpResponse<Buffer> throughLink = get("/media/covers/" + linked, null);
    assertEquals(404, throughLink.statusCode(), throughLink.bodyAsString());
    assertNotEquals(0, throughLink.bodyAsJsonObject().getInteger("status_code"), "the JSON envelope");

    Path videos = media.resolve("videos");
    Files.createDirectories(videos);
    Path elsewhere = Files.createTempDirectory("vertok-elsewhere");
    String name = UUID.randomUUID().toString().replace("-", "") + ".mp4";
    Files.writeString(elsewhere.resolve(name), "outside");
    Path linkedDir = media.resolve("videos-link");
    Files.createSymbolicLink(linkedDir, elsewhere);
    assertEquals(404, get("/media/videos-link/" + name, null).statusCode(), "no other directories are served");
    assertEquals(404, get("/media/videos/../videos-link/" + name, null).statusCode());
    assertEquals(404, get("/media/videos", null).statusCode(), "no listing, no server error");
    assertEquals(404, get("/media/videos/", null).statusCode());
  }

  private static HttpResponse<Buffer> get(String path, String range) {
    var request = api.client().get(path);
    if (range != null) {
      request.putHeader("Range", range);
    }
    return request.send().await();
  }

  /** The scheme and host of the user's avatar URL when asked with {@code host} as the Host header. */
  private static String avatarBase(Users.Account account, String host) {
    var request = api.client().get("/douyin/user/").addQueryParam("user_id", Long.toString(account.id()));
    if (host != null) {
      request.putHeader("Host", host);
    }
    JsonObject reply = request.send().await().bodyAsJsonObject();
    assertEquals(0, reply.getInteger("status_code"), "Host " + host + ": " + reply);
    String avatar = reply.getJsonObject("user").getString("avatar");
    return avatar.substring(0, avatar.indexOf("/media/"));
  }
}
