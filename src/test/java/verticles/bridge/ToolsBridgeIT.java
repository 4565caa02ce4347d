package verticles.bridge;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;
import verticles.support.OneNodePerClass;
import verticles.support.TestApp;
import verticles.support.Users;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An internal tool reads through the TCP bridge and cannot write through it. */
class ToolsBridgeIT extends OneNodePerClass {
  private static final int BRIDGE_PORT = TestApp.freePort();

  @Override
  protected String roles() {
    return "gateway,user";
  }

  @Override
  protected JsonObject settings() {
    return new JsonObject().put("bridge_port", BRIDGE_PORT);
  }

  @Test
  void aToolReadsUsersThroughTheBridge(Vertx vertx) {
    Users.Account account = Users.register(api, "tool");
    JsonObject reply = roundTrip(vertx, new JsonObject().put("type", "send").put("address", "user.getMany")
        .put("replyAddress", "tool-1").put("body", new JsonObject().put("ids", new JsonArray().add(account.id()))));
    assertEquals("message", reply.getString("type"), reply.encode());
    assertEquals(account.name(), reply.getJsonObject("body").getJsonArray("users").getJsonObject(0).getString("name"));
  }

  @Test
  void writesAreNotPermitted(Vertx vertx) {
    JsonObject reply = roundTrip(vertx, new JsonObject().put("type", "send").put("address", "user.register")
        .put("replyAddress", "tool-2").put("body", new JsonObject().put("username", "intruder").put("password", "secret123")));
    assertEquals("err", reply.getString("type"), reply.encode());
    assertTrue(reply.getString("message").contains("access_denied"), reply.encode());
    assertEquals(401, api.post("/douyin/user/login/", "username", "intruder", "password", "secret123").code());
  }

  /** Sends one frame and returns the first frame that comes back. */
  private static JsonObject roundTrip(Vertx vertx, JsonObject frame) {
    NetSocket socket = vertx.createNetClient().connect(BRIDGE_PORT, "127.0.0.1").await();
    Promise<JsonObject> first = Promise.promise();
    Buffer received = Buffer.buffer();
    socket.handler(chunk -> {
      received.appendBuffer(chunk);
      if (received.length() >= 4 && received.length() >= 4 + received.getInt(0)) {
        first.tryComplete(new JsonObject(received.getBuffer(4, 4 + received.getInt(0))));
      }
    });
    Buffer body = frame.toBuffer();
    socket.write(Buffer.buffer().appendInt(body.length()).appendBuffer(body));
    try {
      return first.future().timeout(10, TimeUnit.SECONDS).await();
    } finally {
      socket.close();
    }
  }
}
