package verticles.demo;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.Role;
import verticles.common.config.ConfigException;
import verticles.common.config.Config;
import verticles.support.Api;
import verticles.support.TestApp;
import verticles.support.Users;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demo content: seeded through the API on an empty database, and never on one with users. */
@ExtendWith(VertxExtension.class)
class DemoSeederIT {

  @Test
  void anEmptyDatabaseGetsUsersVideosLikesCommentsFollowsAndChatsOnce(Vertx vertx) throws Exception {
    TestApp app = TestApp.start(vertx, new JsonObject().put("demo", true), Role.parse("all"));
    try {
      DemoSeeder.Report report = DemoSeeder.seedIfEmpty(vertx, app.config(), app.node()).await();
      assertEquals(new DemoSeeder.Report(true, 6, 8, 20, 11, 11, 9), report);
      Api api = app.api();

      JsonArray feed = api.get("/douyin/feed/").body().getJsonArray("video_list");
      assertEquals(8, feed.size());
      JsonObject newest = feed.getJsonObject(0);
      assertEquals("Morning colours over the bay", newest.getString("title"));
      assertEquals("mia", newest.getJsonObject("author").getString("name"));
      assertEquals(5L, newest.getLong("favorite_count"));
      assertEquals(3L, newest.getLong("comment_count"));
      assertEquals(3, api.get("/douyin/comment/list/", "video_id", newest.getLong("id").toString())
          .body().getJsonArray("comment_list").size());

      // Playable H.264 clips of different sizes and lengths, stored like any upload.
      Set<String> sizes = new HashSet<>();
      Set<Long> seconds = new HashSet<>();
      for (int i = 0; i < feed.size(); i++) {
        Path file = app.dataDir().resolve(URI.create(feed.getJsonObject(i).getString("play_url")).getPath().substring(1));
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
          grabber.start();
          assertEquals("h264", grabber.getVideoCodecName(), file.toString());
          sizes.add(grabber.getImageWidth() + "x" + grabber.getImageHeight());
          long length = Math.round(grabber.getLengthInTime() / 1e6);
          assertTrue(length >= 3 && length <= 8, file + " lasts " + length + " s");
          seconds.add(length);
        }
      }
      assertTrue(sizes.size() >= 6 && seconds.size() >= 5, "sizes " + sizes + ", lengths " + seconds);

      // The demo users' passwords are in a file only its owner reads, and they sign in.
      Path accounts = app.dataDir().resolve(DemoSeeder.ACCOUNTS_FILE);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(accounts)));
      Map<String, String> passwords = new HashMap<>();
      Files.readAllLines(accounts).stream().filter(l -> !l.startsWith("#"))
          .forEach(l -> passwords.put(l.split(" ")[0], l.split(" ")[1]));
      assertEquals(Set.of("mia", "leo", "ava", "kai", "zoe", "noah"), passwords.keySet());
      Api.Reply mia = api.post("/douyin/user/login/", "username", "mia", "password", passwords.get("mia"));
      assertEquals(0, mia.code(), mia.toString());
      String token = mia.body().getString("token");

      // mia's friends (mutual follows) with the latest message, and her chat with leo.
      JsonArray friends = api.get("/douyin/relation/friend/list/", "token", token).body().getJsonArray("user_list");
      Map<String, JsonObject> byName = new HashMap<>();
      friends.forEach(f -> byName.put(((JsonObject) f).getString("name"), (JsonObject) f));
      assertEquals(Set.of("leo", "ava"), byName.keySet());
      assertEquals("See you there ☕", byName.get("leo").getString("message"));
      assertEquals(1L, byName.get("leo").getLong("msgType"));
      JsonArray chat = api.get("/douyin/message/chat/", "token", token,
          "to_user_id", byName.get("leo").getLong("id").toString()).body().getJsonArray("message_list");
      assertEquals(List.of("Your beats video is stuck in my head", "Ha, that was the plan", "Coffee on Saturday?",
          "Sure, ten o'clock at the pier?", "See you there ☕"), chat.stream().map(m -> ((JsonObject) m).getString("content")).toList());

      // Once only: a second start adds nothing.
      assertFalse(DemoSeeder.seedIfEmpty(vertx, app.config(), app.node()).await().seeded());
      assertEquals(8, api.get("/douyin/feed/").body().getJsonArray("video_list").size());
      try (var clips = Files.list(app.dataDir())) {
        assertTrue(clips.noneMatch(p -> p.getFileName().toString().startsWith("demo-clips")), "the generated clips are removed");
      }
    } finally {
      app.close();
    }
  }

  @Test
  void aDatabaseWithUsersGetsNoDemoContent(Vertx vertx) {
    TestApp app = TestApp.start(vertx, new JsonObject().put("demo", true), Role.parse("all"));
    try {
      Users.register(app.api(), "first");
      assertFalse(DemoSeeder.seedIfEmpty(vertx, app.config(), app.node()).await().seeded());
      assertEquals(0, app.api().get("/douyin/feed/").body().getJsonArray("video_list").size());
      assertFalse(Files.exists(app.dataDir().resolve(DemoSeeder.ACCOUNTS_FILE)));
    } finally {
      app.close();
    }
  }

  @Test
  void theDemoNeedsTheGatewayAndADatabaseOnTheNode() {
    Config demo = Config.withOverrides(new JsonObject().put("demo", true));
    assertThrows(ConfigException.class, () -> DemoSeeder.check(demo, Role.parse("gateway")));
    assertThrows(ConfigException.class, () -> DemoSeeder.check(demo, Role.parse("user,video")));
    DemoSeeder.check(demo, Role.parse("gateway,user"));
    DemoSeeder.check(Config.withOverrides(new JsonObject()), Role.parse("gateway"));
  }
}
