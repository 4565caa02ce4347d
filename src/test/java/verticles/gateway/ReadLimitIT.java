package verticles.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;
import verticles.common.config.Setting;
import verticles.support.Burst;
import verticles.support.OneNodePerClass;
import verticles.support.Poll;
import verticles.support.Users;
import verticles.support.Videos;
import verticles.support.Videos.Video;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The concurrency limit of a long list: with room for one page and one waiting read, a read that
 * finds both taken is shed at once (503, {@code Retry-After}, the JSON envelope), while
 * the waiting one is served as soon as the page ahead of it is done. The page in progress is held
 * on its way to the comment domain (an event-bus interceptor) and released by the test, so what
 * is in flight is known exactly.
 */
class ReadLimitIT extends OneNodePerClass {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Override
  protected JsonObject settings() {
    return new JsonObject()
        .put(Setting.LIST_INFLIGHT_ITEMS.key(), 1)
        .put(Setting.LIST_QUEUE.key(), 1)
        .put(Setting.LIST_WAIT_MS.key(), 600_000)
        // The held read must not time out on the bus while the test looks at the others.
        .put(Setting.BUS_TIMEOUT_MS.key(), 600_000)
        .put(Setting.BREAKER_TIMEOUT_MS.key(), 590_000);
  }

  /** A message on its way to a consumer, held, and the context to let it go on from. */
  private record Held(DeliveryContext<?> delivery, Context context) {
    void release() {
      context.runOnContext(v -> delivery.next());
    }
  }

  @Test
  void aReadBeyondTheLimitAndTheQueueIsShedAtOnceWithRetryAfter() {
    Video video = Videos.create(app, Users.register(api, "rl_author").id());
    List<Held> held = new CopyOnWriteArrayList<>();
    AtomicBoolean holding = new AtomicBoolean(true);
    Handler<DeliveryContext<Object>> hold = delivery -> {
      if (holding.get() && delivery.message().address().equals("comment.listByVideo")) {
        held.add(new Held(delivery, Vertx.currentContext()));
      } else {
        delivery.next();
      }
    };
    app.vertx().eventBus().addOutboundInterceptor(hold);
    WebClient client = Burst.client(app, 4);
    try {
      Future<HttpResponse<Buffer>> first = list(client, video);
      Poll.until("the first read is at the comment domain", WAIT, () -> held.size() == 1);
      Future<HttpResponse<Buffer>> second = list(client, video);
      Future<HttpResponse<Buffer>> third = list(client, video);
      Poll.until("one of the next two reads is answered", WAIT, () -> second.isComplete() || third.isComplete());
      Future<HttpResponse<Buffer>> shed = second.isComplete() ? second : third;
      Future<HttpResponse<Buffer>> queued = shed == second ? third : second;

      HttpResponse<Buffer> refused = shed.await();
      assertEquals(503, refused.statusCode(), refused.bodyAsString());
      assertEquals("1", refused.getHeader("Retry-After"));
      assertTrue(refused.getHeader("content-type").startsWith("application/json"));
      JsonObject body = refused.bodyAsJsonObject();
      assertEquals(503, body.getInteger("status_code"));
      assertTrue(body.getString("status_msg").contains("busy"), body.encode());
      assertEquals(new JsonArray(), body.getJsonArray("comment_list"), "the envelope carries the list's zero value");
      assertFalse(queued.isComplete(), "the other read waits in the gateway");
      assertEquals(1, held.size(), "and has not reached the comment domain");

      releaseAll(held, holding);
      for (Future<HttpResponse<Buffer>> served : List.of(first, queued)) {
        HttpResponse<Buffer> response = served.await();
        assertEquals(200, response.statusCode(), response.bodyAsString());
        assertEquals(0, response.bodyAsJsonObject().getInteger("status_code"), response.bodyAsString());
      }
      assertEquals(200, list(client, video).await().statusCode(), "once the reads are done, the limit is free again");
    } finally {
      releaseAll(held, holding);
      app.vertx().eventBus().removeOutboundInterceptor(hold);
      client.close();
    }
  }

  /** Stops holding and lets every held message go on, each once. */
  private static void releaseAll(List<Held> held, AtomicBoolean holding) {
    holding.set(false);
    for (Held h : List.copyOf(held)) {
      held.remove(h);
      h.release();
    }
  }

  private static Future<HttpResponse<Buffer>> list(WebClient client, Video video) {
    return client.get("/douyin/comment/list/").addQueryParam("video_id", video.idParam()).send();
  }
}
