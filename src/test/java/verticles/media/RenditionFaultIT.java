package verticles.media;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import verticles.common.config.Setting;
import verticles.support.Api.Reply;
import verticles.support.Clips;
import verticles.support.MediaDirs;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.PrivateBroker;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.video.VideoClient;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The job broker fails during 50 publishes: a private RabbitMQ is restarted, then killed with
 * SIGKILL and started again, with publishes before, while it is down and after. Every publish
 * answers success; afterwards every job is done (one rendition each, served) or, for the one
 * poison job, dead and in the dead-letter queue: none is lost.
 */
class RenditionFaultIT extends OneNodePerClass {
  private static final int PUBLISHES = 50;
  /** AMQP and Erlang distribution ports of the private broker (apart from the events fault test's). */
  private static final int BROKER_PORT = 18250;
  private static final int BROKER_DIST_PORT = 18251;
  private static final Duration SETTLED_WITHIN = Duration.ofSeconds(180);
  private static PrivateBroker broker;
  private static Path clip;

  private int published;

  @Override
  protected JsonObject settings() {
    broker = PrivateBroker.start(BROKER_PORT, BROKER_DIST_PORT);
    return new JsonObject().put(Setting.RABBITMQ_URL.key(), broker.url()).put(Setting.RABBITMQ_PREFIX.key(), "vertok_mediafault")
        .put(Setting.MEDIA_TRANSCODERS.key(), 1).put(Setting.RENDITION_MAX_HEIGHT.key(), 120);
  }

  @BeforeAll
  static void makeClip(@TempDir Path tmp) {
    clip = Clips.mp4(tmp.resolve("clip.mp4"), 1, 160, 120, 25);
  }

  @AfterAll
  void stopBroker() {
    broker.close();
  }

  @Test
  void everyJobFinishesOrIsDeadLetteredThroughRestartsAndKills() {
    Account author = Users.register(api, "jobfault");
    long poison = new VideoClient(app.bus()).create(author.id(), "poison", "/media/videos/gone.mp4", "/media/covers/gone.jpg",
        "local", "videos/gone.mp4", 0).await().videoId();
    publish(author, 15);
    broker.stop();
    publish(author, 10);
    broker.launch();
    publish(author, 10);
    broker.kill();
    publish(author, 10);
    broker.launch();
    publish(author, PUBLISHES - published);

    Poll.until("every job done or dead", SETTLED_WITHIN,
        () -> count("SELECT COUNT(*) FROM media_jobs WHERE state IN ('done', 'dead')") == PUBLISHES + 1);
    assertEquals(PUBLISHES, count("SELECT COUNT(*) FROM media_jobs WHERE state = 'done'"), "every good job done");
    assertEquals("dead", app.node().database().query("SELECT state FROM media_jobs WHERE video_id = ?", Tuple.of(poison))
        .await().iterator().next().getString("state"));
    assertEquals(PUBLISHES, count("SELECT COUNT(*) FROM videos WHERE rendition_url LIKE '/media/renditions/%'"),
        "every published video plays its rendition");
    assertEquals(PUBLISHES, new MediaDirs(app).mediaFiles().stream()
        .filter(f -> f.getParent().getFileName().toString().equals("renditions")).count(), "one rendition per video");
    JsonObject media = Poll.value("the poison job in the dead-letter queue", Duration.ofSeconds(30), () -> {
      JsonObject m = api.get("/health").body().getJsonObject("media");
      return m.getLong("dead_letters", 0L) >= 1 ? m : null;
    });
    assertEquals("UP", media.getString("status"), media.encode());
  }

  /** {@code n} publishes, each answering success whatever the broker does. */
  private void publish(Account author, int n) {
    for (int i = 0; i < n; i++) {
      Reply reply = api.postMultipart("/douyin/publish/action/", MultipartForm.create()
          .attribute("token", author.token()).attribute("title", "clip " + published)
          .binaryFileUpload("data", "clip.mp4", clip.toString(), "video/mp4"));
      assertEquals(0, reply.code(), reply.toString());
      published++;
    }
  }

  private static long count(String sql) {
    return app.node().database().query(sql, Tuple.tuple()).await().iterator().next().getLong(0);
  }
}
