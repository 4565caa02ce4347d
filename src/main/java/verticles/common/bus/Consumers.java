package verticles.common.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Failure;

import java.util.function.Function;

/**
 * Registers event-bus consumers so that every request gets a reply: a {@link Failure} becomes
 * {@code fail(code, message)}, anything else (an exception thrown or a failed future) is logged
 * and becomes {@code fail(500, "internal error")}. A non-JSON body is a 400.
 */
public final class Consumers {
  private static final Logger log = LoggerFactory.getLogger(Consumers.class);

  private Consumers() {
  }

  public static MessageConsumer<Object> register(Vertx vertx, String address,
                                                 Function<JsonObject, Future<JsonObject>> handler) {
    return vertx.eventBus().consumer(address, message -> handle(address, message, handler));
  }

  /** As {@link #register}, but only this node's event bus sees it (for node-local work such as media). */
  public static MessageConsumer<Object> registerLocal(Vertx vertx, String address,
                                                      Function<JsonObject, Future<JsonObject>> handler) {
    return vertx.eventBus().localConsumer(address, message -> handle(address, message, handler));
  }

  private static void handle(String address, Message<Object> message, Function<JsonObject, Future<JsonObject>> handler) {
    Future<JsonObject> reply;
    try {
      if (!(message.body() instanceof JsonObject body)) {
        throw Failure.badRequest(address + " expects a JSON object body");
      }
      reply = handler.apply(body);
    } catch (Throwable t) {
      reply = Future.failedFuture(t);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result() == null ? new JsonObject() : ar.result());
      } else if (ar.cause() instanceof Failure f) {
        message.fail(f.code(), f.getMessage());
      } else {
        log.error("{} failed", address, ar.cause());
        message.fail(500, "internal error");
      }
    });
  }
}
