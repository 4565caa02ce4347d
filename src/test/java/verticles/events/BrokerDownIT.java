package verticles.events;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Api.Reply;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.TestApp;
import verticles.support.Users;
import verticles.support.Users.Account;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A broker is configured but unreachable: writes succeed, their events wait in the outbox, /health says so. */
class BrokerDownIT extends OneNodePerClass {
  @Override
  protected JsonObject settings() {
    return new JsonObject().put(Setting.RABBITMQ_URL.key(), "amqp://guest:guest@127.0.0.1:" + TestApp.freePort())
        .put(Setting.RABBITMQ_PREFIX.key(), "vertok_down");
  }

  @Test
  void writesSucceedAndTheOutboxGrows() {
    Account author = Users.register(api, "down_author");
    Account fan = Users.register(api, "down_fan");
    Video video = Videos.create(app, author.id());
    Reply liked = api.post("/douyin/favorite/action/", "token", fan.token(), "video_id", video.idParam(), "action_type", "1");
    assertEquals(0, liked.code(), liked.toString());
    assertEquals(1L, Videos.fromFeed(api, video, fan.token()).getLong("favorite_count"));

    JsonObject events = Poll.value("/health to report the broker", Duration.ofSeconds(20), () -> {
      Reply health = api.get("/health");
      JsonObject e = health.body().getJsonObject("events");
      return health.status() == 200 && "DEGRADED".equals(e.getString("status")) && e.getLong("backlog", 0L) >= 2 ? e : null;
    });
    assertEquals("DOWN", events.getString("broker"));
    assertEquals("rabbitmq", events.getString("transport"));
  }
}
