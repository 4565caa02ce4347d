package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.comment.Comment;
import verticles.comment.CommentClient;
import verticles.common.Text;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Posting, deleting and listing comments. They leave as the contract's Comment: a complete User
 * and {@code create_date} as {@code MM-dd} in the configured time zone.
 */
final class CommentRoutes {
  static final int POST = 1;
  static final int DELETE = 2;

  private final Gateway gateway;
  private final DateTimeFormatter createDate;

  CommentRoutes(Gateway gateway) {
    this.gateway = gateway;
    ZoneId zone = gateway.config().timeZone();
    this.createDate = DateTimeFormatter.ofPattern("MM-dd").withZone(zone);
  }

  void mount(Routes routes) {
    routes.post("/douyin/comment/action/", ResponseShape.NONE, this::action);
    routes.get("/douyin/comment/list/", ResponseShape.COMMENT_LIST, this::list);
  }

  /** {@code action_type} 1 posts {@code comment_text} and answers the stored comment; 2 deletes {@code comment_id}. */
  private Future<JsonObject> action(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long videoId = request.id("video_id");
      if (request.actionType(POST, DELETE) == DELETE) {
        return gateway.comments().delete(me, videoId, request.id("comment_id")).map(done -> new JsonObject());
      }
      String text = Text.require(request.param("comment_text"), "comment_text", CommentClient.CONTENT_MAX, true);
      String base = gateway.base(request);
      return gateway.comments().post(me, videoId, text)
          .compose(posted -> comments(List.of(posted), me, base, request.missing()))
          .map(posted -> new JsonObject().put("comment", posted.get(0)));
    });
  }

  /** The comments of {@code video_id}, newest first, a page at a time ({@link Gateway#listPage}). */
  private Future<JsonObject> list(ApiRequest request) {
    long videoId = request.id("video_id");
    String base = gateway.base(request);
    return gateway.viewer(request).compose(viewer -> gateway.listPage("comment_list", request, page ->
        gateway.comments().byVideo(videoId, page).compose(found -> comments(found.items(), viewer, base, request.missing())
            .map(comments -> found.putNext(new JsonObject().put("comment_list", new JsonArray(comments)))))));
  }

  /** Complete Comments, in the same order, with one user lookup for all their authors. */
  Future<List<JsonObject>> comments(List<Comment> found, long viewer, String base, MissingFields missing) {
    List<Long> userIds = found.stream().map(Comment::userId).distinct().toList();
    return gateway.composer().users(userIds, viewer, base, false, missing).map(users -> {
      Map<Long, JsonObject> byId = new HashMap<>();
      users.forEach(user -> byId.put(user.getLong("id"), user));
      return found.stream().map(comment -> {
        JsonObject user = byId.get(comment.userId());
        return ApiObjects.comment(comment, user != null ? user : ApiObjects.unknownUser(comment.userId()), createDate);
      }).toList();
    });
  }
}
