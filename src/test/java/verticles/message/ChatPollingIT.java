package verticles.message;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import verticles.support.Api;
import verticles.support.Api.Reply;
import verticles.support.Burst;
import verticles.support.BurstNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's chat polling against concurrent sends: two users send many messages at once (many
 * requests in flight, in both directions, so several land in one millisecond) while a poller
 * for each side follows the app's protocol (ask with the create_time of the newest message it
 * holds). Each poller must end up with exactly the messages sent, each once, in create_time order.
 */
class ChatPollingIT extends BurstNodePerClass {
  private static final int WAVES = 10;
  private static final int PER_WAVE = 32;
  private static final int MESSAGES = WAVES * PER_WAVE;

  /** One side of the chat as the app sees it: the messages it holds, in the order it received them. */
  private static final class Poller {
    final Account me;
    final Account peer;
    final List<JsonObject> held = new ArrayList<>();

    Poller(Account me, Account peer) {
      this.me = me;
      this.peer = peer;
    }

    /** One poll with the newest create_time held; answers how many messages it brought. */
    int poll() {
      long newest = held.isEmpty() ? 0 : held.get(held.size() - 1).getLong("create_time");
      Reply reply = api.get("/douyin/message/chat/", "token", me.token(), "to_user_id", Long.toString(peer.id()),
          "pre_msg_time", Long.toString(newest));
      assertEquals(0, reply.code(), reply.toString());
      JsonArray page = reply.body().getJsonArray("message_list");
      page.forEach(m -> held.add((JsonObject) m));
      return page.size();
    }
  }

  /** Message {@code n}: even ones from a to b, odd ones from b to a. */
  private static Future<HttpResponse<Buffer>> send(Account a, Account b, int n) {
    Account from = n % 2 == 0 ? a : b;
    Account to = n % 2 == 0 ? b : a;
    return client.post("/douyin/message/action/").sendForm(Api.pairs("token", from.token(),
        "to_user_id", Long.toString(to.id()), "action_type", "1", "content", "message " + n));
  }

  @Test
  void pollersSeeEveryMessageExactlyOnceInCreateTimeOrderWhileMessagesAreSent() {
    Account a = Users.register(api, "poll_a");
    Account b = Users.register(api, "poll_b");
    Poller pollerA = new Poller(a, b);
    Poller pollerB = new Poller(b, a);

    // Waves of concurrent sends; the pollers poll while each wave is in flight, then, once all
    // are sent, until a poll that started after the last send brings nothing new (the app's loop).
    List<Future<HttpResponse<Buffer>>> sends = new ArrayList<>();
    int fruitfulPolls = 0;
    for (int wave = 0; wave < WAVES; wave++) {
      int first = wave * PER_WAVE;
      List<Future<HttpResponse<Buffer>>> inFlight = Burst.of(PER_WAVE, i -> send(a, b, first + i));
      sends.addAll(inFlight);
      Future<?> waveSent = Future.join(inFlight);
      do {
        fruitfulPolls += pollerA.poll() > 0 ? 1 : 0;
        pollerB.poll();
      } while (!waveSent.isComplete());
    }
    boolean settled = false;
    while (!settled) {
      int brought = pollerA.poll() + pollerB.poll();
      fruitfulPolls += brought > 0 ? 1 : 0;
      settled = brought == 0;
    }
    Burst.assertAllSucceed(sends);

    Set<String> sent = IntStream.range(0, MESSAGES).mapToObj(i -> "message " + i).collect(Collectors.toSet());
    for (Poller poller : List.of(pollerA, pollerB)) {
      List<JsonObject> held = poller.held;
      assertEquals(MESSAGES, held.size(), "every message once, none twice");
      assertEquals(sent, held.stream().map(m -> m.getString("content")).collect(Collectors.toSet()));
      assertEquals(MESSAGES, new HashSet<>(held.stream().map(m -> m.getLong("id")).toList()).size(), "distinct ids");
      for (int i = 1; i < held.size(); i++) {
        assertTrue(held.get(i).getLong("create_time") > held.get(i - 1).getLong("create_time"),
            "create_time grows strictly: " + held.get(i - 1) + " then " + held.get(i));
      }
      for (JsonObject m : held) {
        int n = Integer.parseInt(m.getString("content").substring("message ".length()));
        assertEquals(n % 2 == 0 ? a.id() : b.id(), m.getLong("from_user_id"), m.encode());
      }
    }
    assertTrue(fruitfulPolls >= WAVES, "the conversation arrived in pieces, polled while it was being written");
    assertEquals(pollerA.held, pollerB.held, "both sides hold the same conversation in the same order");
    assertEquals(new JsonArray(pollerA.held), api.get("/douyin/message/chat/", "token", a.token(),
        "to_user_id", Long.toString(b.id())).body().getJsonArray("message_list"), "and it is the conversation as stored");
  }
}
