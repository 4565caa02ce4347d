package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.comment.CommentEvents;
import verticles.events.DomainEvent;
import verticles.favorite.FavoriteClient.VideoLikes;
import verticles.favorite.FavoriteEvents;
import verticles.live.LiveRelay;
import verticles.live.Push;
import verticles.message.MessageEvents;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pushes domain events make (docs/realtime.md), in the contract's shapes: a danmaku (the event
 * carries the element), a comment (its text and author read once, by id), a message to its
 * receiver (read once from the conversation) and, once per batch for each video whose likes or
 * comments changed, its counts read after the change. Events stay small (ids; a comment or a
 * message of 1,024 characters would not fit the outbox's row), so the text is read here, once per
 * event, whatever the number of viewers. URLs in a comment's author are made absolute with
 * {@code public_base_url}, and stay relative to the server without it. An event whose object is
 * gone (a comment deleted at once) pushes nothing.
 */
final class LivePushes implements LiveRelay.Renderer {
  private static final Logger log = LoggerFactory.getLogger(LivePushes.class);

  private final Gateway gateway;
  private final CommentRoutes comments;

  LivePushes(Gateway gateway, CommentRoutes comments) {
    this.gateway = gateway;
    this.comments = comments;
  }

  @Override
  public Future<List<Push>> render(List<DomainEvent> events) {
    List<Future<List<Push>>> each = new ArrayList<>();
    Set<Long> counted = new LinkedHashSet<>();
    for (DomainEvent event : events) {
      switch (event.type()) {
        case CommentEvents.DANMAKU_POSTED -> each.add(Future.succeededFuture(List.of(danmaku(event))));
        case CommentEvents.POSTED -> {
          each.add(comment(event));
          counted.add(event.payload().getLong("video_id"));
        }
        case CommentEvents.DELETED, FavoriteEvents.LIKED, FavoriteEvents.UNLIKED -> counted.add(event.payload().getLong("video_id"));
        case MessageEvents.SENT -> each.add(message(event));
        default -> {
        }
      }
    }
    if (!counted.isEmpty()) {
      each.add(counts(List.copyOf(counted)));
    }
    List<Future<List<Push>>> tolerant = each.stream().map(f -> f.otherwise(e -> {
      log.debug("a live push was skipped: {}", e.toString());
      return List.of();
    })).toList();
    return Future.all(tolerant).map(done -> {
      List<Push> pushes = new ArrayList<>();
      tolerant.forEach(f -> pushes.addAll(f.result()));
      return pushes;
    });
  }

  private static Push danmaku(DomainEvent event) {
    JsonObject element = ApiObjects.danmaku(CommentEvents.danmakuOf(event));
    return Push.toWatchers(element.getLong("video_id"), new JsonObject().put("type", "danmaku").put("danmaku", element));
  }

  private Future<List<Push>> comment(DomainEvent event) {
    long videoId = event.payload().getLong("video_id");
    return gateway.comments().comment(event.payload().getLong("comment_id"), videoId)
        .compose(found -> comments.comments(List.of(found), 0, gateway.publicUrl().configured(), new MissingFields()))
        .map(found -> List.of(Push.toWatchers(videoId,
            new JsonObject().put("type", "comment").put("video_id", videoId).put("comment", found.get(0)))));
  }

  /** The message, read from the conversation just before its time (times are unique in a conversation). */
  private Future<List<Push>> message(DomainEvent event) {
    JsonObject payload = event.payload();
    long id = payload.getLong("message_id");
    long to = payload.getLong("to_user_id");
    return gateway.messages().chat(to, payload.getLong("from_user_id"), payload.getLong("create_time") - 1)
        .map(found -> found.stream().filter(m -> m.id() == id).limit(1)
            .map(m -> Push.toUser(to, new JsonObject().put("type", "message").put("message", ApiObjects.message(m))))
            .toList());
  }

  private Future<List<Push>> counts(List<Long> videoIds) {
    Future<Map<Long, VideoLikes>> likes = gateway.favorites().videoStats(videoIds, 0);
    Future<Map<Long, Long>> commentCounts = gateway.comments().commentCounts(videoIds);
    return Future.all(likes, commentCounts).map(done -> videoIds.stream().map(id -> Push.toWatchers(id, new JsonObject()
        .put("type", "counts").put("video_id", id)
        .put("favorite_count", likes.result().getOrDefault(id, VideoLikes.NONE).favoriteCount())
        .put("comment_count", commentCounts.result().getOrDefault(id, 0L)))).toList());
  }
}
