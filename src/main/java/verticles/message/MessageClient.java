package verticles.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.bus.BusClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The message domain, for the gateway: one method per operation of docs/eventbus.md, over the
 * {@link BusClient}. None of its operations is open to internal tools: every read is someone's
 * own conversation.
 */
public final class MessageClient {
  /** The reads internal tools may call on the bridge: none (every conversation is its two users' only). */
  public static final List<String> READS = List.of();
  /** The longest message, in characters after trimming. */
  public static final int CONTENT_MAX = 1024;

  /** The latest message of a conversation, as the friend list shows it. */
  public record Latest(String content, long fromUserId) {
  }

  private final BusClient bus;

  public MessageClient(BusClient bus) {
    this.bus = bus;
  }

  /** {@code message.send}: the stored message; 400 bad content or yourself, 404 unknown {@code to_user_id}. */
  public Future<ChatMessage> send(long userId, long toUserId, String content) {
    return bus.request(MessageAddresses.SEND, new JsonObject().put("user_id", userId).put("to_user_id", toUserId)
            .put("content", content))
        .map(reply -> ChatMessage.fromJson(reply.getJsonObject("message")));
  }

  /**
   * {@code message.chat}: the messages between the two users in both directions, oldest first, with
   * {@code create_time > afterMillis}, at most 1,000; 400 yourself.
   */
  public Future<List<ChatMessage>> chat(long userId, long toUserId, long afterMillis) {
    return bus.requestIdempotent(MessageAddresses.CHAT, new JsonObject().put("user_id", userId).put("to_user_id", toUserId)
            .put("pre_msg_time", afterMillis))
        .map(reply -> reply.getJsonArray("messages", new JsonArray()).stream()
            .map(m -> ChatMessage.fromJson((JsonObject) m)).toList());
  }

  /** {@code message.latest}: the latest message with each of {@code peerIds}, by peer; peers never written to are absent. */
  public Future<Map<Long, Latest>> latest(long userId, Collection<Long> peerIds) {
    return bus.requestIdempotent(MessageAddresses.LATEST, new JsonObject().put("user_id", userId)
            .put("peer_ids", new JsonArray(List.copyOf(peerIds))))
        .map(reply -> {
          Map<Long, Latest> byPeer = new HashMap<>();
          for (Object item : reply.getJsonArray("latest", new JsonArray())) {
            JsonObject latest = (JsonObject) item;
            byPeer.put(latest.getLong("peer_id"), new Latest(latest.getString("content"), latest.getLong("from_user_id")));
          }
          return byPeer;
        });
  }
}
