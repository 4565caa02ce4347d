package verticles.app;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import verticles.support.Api;
import verticles.support.Clips;
import verticles.support.JarProcess;
import verticles.support.Poll;
import verticles.support.TestApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An acknowledged write survives the process being killed: the jar in embedded mode takes likes
 * and comments from many clients at once, is killed with SIGKILL in the middle of that load,
 * restarts on the same data directory and still has every like and comment it answered success
 * for.
 */
@ExtendWith(VertxExtension.class)
class DurabilityIT {
  private static final int USERS = 60;
  private static final int VIDEOS = 3;
  private static final int IN_FLIGHT = 16;
  /** Writes acknowledged before the kill: enough that many were answered within the last second. */
  private static final int KILL_AFTER = 400;

  private record Account(long id, String token) {
  }

  @Test
  void everyAcknowledgedLikeAndCommentSurvivesSigkill(Vertx vertx, @TempDir Path tmp) throws Exception {
    int port = TestApp.freePort();
    Path dataDir = Files.createDirectories(tmp.resolve("data"));
    Map<String, String> env = Map.of("VERTOK_HTTP_PORT", Integer.toString(port), "VERTOK_DATA_DIR", dataDir.toString(),
        "VERTOK_BCRYPT_COST", "4");
    Path clip = Clips.mp4(tmp.resolve("clip.mp4"), 1);
    Api api = new Api(vertx, port);

    List<Account> users = new ArrayList<>();
    List<Long> videos = new ArrayList<>();
    Set<String> likes = ConcurrentHashMap.newKeySet();
    Map<Long, Long> comments = new ConcurrentHashMap<>();
    try (JarProcess server = JarProcess.start(env)) {
      awaitListening(server, api);
      for (int i = 0; i < USERS; i++) {
        Api.Reply registered = api.post("/douyin/user/register/", "username", "durable_" + i, "password", "secret123");
        assertEquals(0, registered.code(), registered.toString());
        users.add(new Account(registered.body().getLong("user_id"), registered.body().getString("token")));
      }
      for (int i = 0; i < VIDEOS; i++) {
        Api.Reply published = api.postMultipart("/douyin/publish/action/", MultipartForm.create()
            .attribute("token", users.get(i).token()).attribute("title", "durable " + i)
            .binaryFileUpload("data", "clip.mp4", clip.toString(), "video/mp4"));
        assertEquals(0, published.code(), published.toString());
      }
      JsonArray list = api.get("/douyin/feed/").body().getJsonArray("video_list");
      list.forEach(video -> videos.add(((JsonObject) video).getLong("id")));
      assertEquals(VIDEOS, videos.size(), list.encode());

      ConcurrentLinkedQueue<String[]> likesToDo = new ConcurrentLinkedQueue<>();
      List<String[]> pairs = new ArrayList<>();
      for (int u = 0; u < USERS; u++) {
        for (long video : videos) {
          pairs.add(new String[] {Integer.toString(u), Long.toString(video)});
        }
      }
      Collections.shuffle(pairs, new Random(7));
      likesToDo.addAll(pairs);
      AtomicBoolean killed = new AtomicBoolean();
      AtomicInteger sequence = new AtomicInteger();
      List<Future<Void>> clients = new ArrayList<>();
      for (int c = 0; c < IN_FLIGHT; c++) {
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> write(api, users, videos, likesToDo, likes, comments, sequence, killed, done));
        clients.add(done.future());
      }
      Poll.until(KILL_AFTER + " acknowledged writes", Duration.ofSeconds(60),
          () -> likes.size() + comments.size() >= KILL_AFTER || clients.stream().allMatch(Future::isComplete));
      assertTrue(clients.stream().noneMatch(Future::isComplete), "the load was still running at the kill");
      killed.set(true);
      server.kill();
      Future.all(clients).await();
    }

    Set<String> likesAtKill = Set.copyOf(likes);
    Map<Long, Long> commentsAtKill = Map.copyOf(comments);
    try (JarProcess restarted = JarProcess.start(env)) {
      awaitListening(restarted, api);
      Set<Long> stored = new HashSet<>();
      for (long video : videos) {
        JsonArray list = api.get("/douyin/comment/list/", "video_id", Long.toString(video)).body().getJsonArray("comment_list");
        list.forEach(comment -> stored.add(((JsonObject) comment).getLong("id")));
      }
      List<Long> lostComments = commentsAtKill.keySet().stream().filter(id -> !stored.contains(id)).sorted().toList();
      Set<String> storedLikes = new HashSet<>();
      for (int u = 0; u < USERS; u++) {
        Account user = users.get(u);
        JsonArray liked = api.get("/douyin/favorite/list/", "user_id", Long.toString(user.id()), "token", user.token())
            .body().getJsonArray("video_list");
        for (Object video : liked) {
          storedLikes.add(u + ":" + ((JsonObject) video).getLong("id"));
        }
      }
      List<String> lostLikes = likesAtKill.stream().filter(like -> !storedLikes.contains(like)).sorted().toList();
      assertEquals(List.of(), lostComments, "acknowledged comments lost of " + commentsAtKill.size());
      assertEquals(List.of(), lostLikes, "acknowledged likes lost of " + likesAtKill.size());
    }
    api.close();
  }

  /** One client: a like or a comment at a time until the server is gone; records what it acknowledged. */
  private static void write(Api api, List<Account> users, List<Long> videos, ConcurrentLinkedQueue<String[]> likesToDo,
                            Set<String> likes, Map<Long, Long> comments, AtomicInteger sequence, AtomicBoolean killed,
                            Promise<Void> done) {
    int n = sequence.incrementAndGet();
    String[] like = n % 2 == 0 ? likesToDo.poll() : null;
    Future<JsonObject> reply;
    if (like != null) {
      Account user = users.get(Integer.parseInt(like[0]));
      reply = api.client().post("/douyin/favorite/action/")
          .sendForm(Api.pairs("token", user.token(), "video_id", like[1], "action_type", "1"))
          .map(r -> r.bodyAsJsonObject())
          .onSuccess(body -> {
            if (body.getInteger("status_code") == 0) {
              likes.add(like[0] + ":" + like[1]);
            }
          });
    } else {
      Account user = users.get(n % users.size());
      long video = videos.get(n % videos.size());
      reply = api.client().post("/douyin/comment/action/")
          .sendForm(Api.pairs("token", user.token(), "video_id", Long.toString(video), "action_type", "1",
              "comment_text", "durable comment " + n))
          .map(r -> r.bodyAsJsonObject())
          .onSuccess(body -> {
            if (body.getInteger("status_code") == 0) {
              comments.put(body.getJsonObject("comment").getLong("id"), video);
            }
          });
    }
    reply.onComplete(result -> {
      if (result.failed() && killed.get()) {
        done.complete();
      } else if (result.failed() || result.result().getInteger("status_code") != 0) {
        done.fail(result.failed() ? result.cause() : new AssertionError("write refused: " + result.result()));
      } else {
        write(api, users, videos, likesToDo, likes, comments, sequence, killed, done);
      }
    });
  }

  private static void awaitListening(JarProcess server, Api api) {
    Poll.until("the server to listen", Duration.ofSeconds(60), () -> {
      assertTrue(server.isAlive(), () -> "the server did not come up:\n" + server.output());
      try {
        return api.get("/douyin/feed/").code() == 0;
      } catch (Exception e) {
        return false;
      }
    });
  }
}
