package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Text;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Posting, deleting and listing comments. Comments come from the comment domain as
 * {@code {id, user_id, content, created_at}} and leave as the contract's Comment: a complete User
 * and {@code create_date} as {@code MM-dd} in the configured time zone.
 */
final class CommentRoutes {
  static final int POST = 1;
  static final int DELETE = 2;
  /** The most characters of a comment, after trimming (the comment domain checks it too). */
  static final int TEXT_MAX = 1024;

  private final Gateway gateway;
  private final DateTimeFormatter createDate;

  CommentRoutes(Gateway gateway) {
    this.gateway = gateway;
    ZoneId zone = gateway.config().timeZone();
    this.createDate = DateTimeFormatter.ofPattern("MM-dd").withZone(zone);
  }

  void mount(Routes routes) {
    routes.post("/douyin/comment/action/", this::action);
    routes.get("/douyin/comment/list/", this::list);
  }

  /** {@code action_type} 1 posts {@code comment_text} and answers the stored comment; 2 deletes {@code comment_id}. */
  private Future<JsonObject> action(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long videoId = request.id("video_id");
      JsonObject body = new JsonObject().put("user_id", me).put("video_id", videoId);
      if (request.actionType(POST, DELETE) == DELETE) {
        body.put("comment_id", request.id("comment_id"));
        return gateway.bus().request("comment.delete", body).map(reply -> new JsonObject());
      }
      body.put("content", Text.require(request.param("comment_text"), "comment_text", TEXT_MAX, true));
      String base = gateway.base(request);
      return gateway.bus().request("comment.post", body)
          .compose(reply -> comments(List.of(reply.getJsonObject("comment")), me, base))
          .map(posted -> new JsonObject().put("comment", posted.get(0)));
    });
  }

  /** The comments of {@code video_id}, newest first (at most 1,000). */
  private Future<JsonObject> list(ApiRequest request) {
    long videoId = request.id("video_id");
    String base = gateway.base(request);
    return gateway.viewer(request).compose(viewer -> gateway.bus()
        .request("comment.listByVideo", new JsonObject().put("video_id", videoId))
        .compose(reply -> comments(VideoRoutes.rows(reply.getJsonArray("comments")), viewer, base)))
        .map(comments -> new JsonObject().put("comment_list", new JsonArray(comments)));
  }

  /** Complete Comments, in the same order, with one user lookup for all their authors. */
  private Future<List<JsonObject>> comments(List<JsonObject> rows, long viewer, String base) {
    List<Long> userIds = rows.stream().map(r -> r.getLong("user_id")).distinct().toList();
    return gateway.composer().users(userIds, viewer, base, false).map(users -> {
      Map<Long, JsonObject> byId = users.stream().collect(Collectors.toMap(u -> u.getLong("id"), Function.identity()));
      return rows.stream().map(r -> new JsonObject()
          .put("id", r.getLong("id"))
          .put("user", byId.getOrDefault(r.getLong("user_id"), Composer.userTemplate().put("id", r.getLong("user_id"))))
          .put("content", r.getString("content"))
          .put("create_date", createDate.format(Instant.ofEpochMilli(r.getLong("created_at")))))
          .toList();
    });
  }
}
