package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;
import verticles.common.Page;
import verticles.common.PageRequest;
import verticles.common.bus.Domain;
import verticles.message.MessageClient.Latest;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Follow, unfollow and the follow, follower and friend lists. Lists hold complete Users (with
 * {@code is_follow} from the caller's point of view), newest first, a page at a time
 * ({@link Gateway#listPage}).
 */
final class RelationRoutes {
  static final int FOLLOW = 1;
  static final int UNFOLLOW = 2;

  private final Gateway gateway;

  RelationRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.post("/douyin/relation/action/", ResponseShape.NONE, this::action);
    routes.get("/douyin/relation/follow/list/", ResponseShape.USER_LIST,
        request -> userList("follow_list", request, gateway.relations()::following));
    routes.get("/douyin/relation/follower/list/", ResponseShape.USER_LIST,
        request -> userList("follower_list", request, gateway.relations()::followers));
    routes.get("/douyin/relation/friend/list/", ResponseShape.USER_LIST, this::friendList);
  }

  private Future<JsonObject> action(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long target = request.id("to_user_id");
      return request.actionType(FOLLOW, UNFOLLOW) == FOLLOW
          ? gateway.relations().follow(me, target)
          : gateway.relations().unfollow(me, target);
    }).map(done -> new JsonObject());
  }

  private Future<JsonObject> userList(String endpoint, ApiRequest request, BiFunction<Long, PageRequest, Future<Page<Long>>> list) {
    long user = request.id("user_id");
    return gateway.viewer(request).compose(viewer -> gateway.listPage(endpoint, request, page -> list.apply(user, page)
        .compose(ids -> gateway.requireOwner(ids.items(), user)
            .compose(v -> gateway.composer().users(ids.items(), viewer, gateway.base(request), true, request.missing()))
            .map(users -> ids.putNext(new JsonObject().put("user_list", new JsonArray(List.copyOf(users))))))));
  }

  private Future<JsonObject> friendList(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long user = request.optionalId("user_id");
      if (user != 0 && user != me) {
        throw Failure.forbidden("user_id: you can only read your own friend list");
      }
      return gateway.listPage("friend_list", request, page -> gateway.relations().friends(me, page).compose(ids -> {
        Future<List<JsonObject>> users = gateway.composer().users(ids.items(), me, gateway.base(request), true, request.missing());
        Future<Map<Long, Latest>> latest = latestMessages(me, ids.items(), request.missing());
        return Future.all(users, latest).map(done -> ids.putNext(new JsonObject().put("user_list", new JsonArray(
            users.result().stream().map(u -> ApiObjects.friend(u, latest.result().get(u.getLong("id")), me)).toList()))));
      }));
    });
  }

  /** The latest message with each friend; without the message domain, none (a degraded read). */
  private Future<Map<Long, Latest>> latestMessages(long me, List<Long> friends, MissingFields missing) {
    if (friends.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return gateway.messages().latest(me, friends).otherwise(e -> {
      gateway.degradations().record(Domain.MESSAGE, e, missing);
      return Map.of();
    });
  }
}
