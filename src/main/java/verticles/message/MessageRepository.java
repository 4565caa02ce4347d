package verticles.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import verticles.common.db.Database;
import verticles.events.Outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL for {@code messages} and {@code conversations}. A send locks the pair's conversation row
 * (created on the first message), so sends within one conversation are serialised and each gets a
 * {@code create_time} strictly greater than the previous one's: {@code max(now, last_time + 1)}.
 * A poll for {@code create_time > t} therefore never misses or repeats a message (docs/chat.md).
 * The send records its event in the outbox in the same transaction.
 */
final class MessageRepository {
  /** The most messages one chat read answers (the oldest ones after {@code pre_msg_time}). */
  static final int CHAT_LIMIT = 1000;

  private final Database db;

  MessageRepository(Database db) {
    this.db = db;
  }

  /** Stores a message from {@code from} to {@code to} and returns it as the contract's Message. */
  Future<JsonObject> send(long from, long to, String content) {
    long lo = Math.min(from, to);
    long hi = Math.max(from, to);
    return db.transaction(conn -> lockConversation(conn, lo, hi).compose(lastTime -> {
      long createTime = Math.max(System.currentTimeMillis(), lastTime + 1);
      return db.insert(conn, "INSERT INTO messages (user_lo, user_hi, from_user_id, to_user_id, content, created_at) "
              + "VALUES (?, ?, ?, ?, ?, ?)", Tuple.of(lo, hi, from, to, content, createTime))
          .compose(id -> Outbox.recordBehind(db, conn,
                  db.query(conn, "UPDATE conversations SET last_time = ?, last_message_id = ? "
                      + "WHERE user_lo = ? AND user_hi = ?", Tuple.of(createTime, id, lo, hi)),
                  MessageEvents.sent(id, from, to, createTime))
              .map(done -> message(id, from, to, content, createTime)));
    }));
  }

  /** Creates the pair's conversation row if needed, locks it and returns its last_time. */
  private Future<Long> lockConversation(SqlConnection conn, long lo, long hi) {
    return db.query(conn, "INSERT INTO conversations (user_lo, user_hi, last_time, last_message_id) VALUES (?, ?, 0, 0) "
            + "ON DUPLICATE KEY UPDATE last_time = last_time", Tuple.of(lo, hi))
        .compose(v -> db.query(conn, "SELECT last_time FROM conversations WHERE user_lo = ? AND user_hi = ? FOR UPDATE",
            Tuple.of(lo, hi)))
        .map(rows -> rows.iterator().next().getLong("last_time"));
  }

  /** The messages between {@code a} and {@code b} with create_time after {@code after}, oldest first. */
  Future<List<JsonObject>> chat(long a, long b, long after) {
    return db.query("SELECT id, from_user_id, to_user_id, content, created_at FROM messages "
            + "WHERE user_lo = ? AND user_hi = ? AND created_at > ? ORDER BY created_at, id LIMIT " + CHAT_LIMIT,
        Tuple.of(Math.min(a, b), Math.max(a, b), after)).map(rows -> {
          List<JsonObject> messages = new ArrayList<>();
          rows.forEach(row -> messages.add(message(row)));
          return messages;
        });
  }

  /** The latest message between {@code user} and each of {@code peers} that has one. */
  Future<List<JsonObject>> latest(long user, List<Long> peers) {
    if (peers.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String in = Database.placeholders(peers.size());
    Tuple args = Tuple.of(user);
    peers.forEach(args::addValue);
    args.addValue(user);
    peers.forEach(args::addValue);
    return db.query("SELECT m.from_user_id, m.to_user_id, m.content FROM conversations c "
        + "JOIN messages m ON m.id = c.last_message_id "
        + "WHERE (c.user_lo = ? AND c.user_hi IN " + in + ") OR (c.user_hi = ? AND c.user_lo IN " + in + ")", args)
        .map(rows -> {
          List<JsonObject> latest = new ArrayList<>();
          for (Row row : rows) {
            long from = row.getLong("from_user_id");
            long peer = from == user ? row.getLong("to_user_id") : from;
            latest.add(new JsonObject().put("peer_id", peer).put("content", row.getString("content"))
                .put("from_user_id", from));
          }
          return latest;
        });
  }

  private static JsonObject message(Row row) {
    return message(row.getLong("id"), row.getLong("from_user_id"), row.getLong("to_user_id"),
        row.getString("content"), row.getLong("created_at"));
  }

  private static JsonObject message(long id, long from, long to, String content, long createTime) {
    return new ChatMessage(id, from, to, content, createTime).toJson();
  }
}
