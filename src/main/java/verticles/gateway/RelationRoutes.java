package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.Failure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follow, unfollow and the follow, follower and friend lists. Lists hold complete Users (with
 * {@code is_follow} from the caller's point of view), at most the 1,000 most recent entries.
 */
final class RelationRoutes {
  private final Gateway gateway;

  RelationRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Routes routes) {
    routes.post("/douyin/relation/action/", this::action);
    routes.get("/douyin/relation/follow/list/", request -> userList(request, "relation.following"));
    routes.get("/douyin/relation/follower/list/", request -> userList(request, "relation.followers"));
    routes.get("/douyin/relation/friend/list/", this::friendList);
  }

  private Future<JsonObject> action(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long target = request.id("to_user_id");
      String address = request.actionType(1, 2) == 1 ? "relation.follow" : "relation.unfollow";
      return gateway.bus().request(address, new JsonObject().put("user_id", me).put("to_user_id", target));
    }).map(reply -> new JsonObject());
  }

  private Future<JsonObject> userList(ApiRequest request, String address) {
    long user = request.id("user_id");
    return gateway.viewer(request).compose(viewer -> ids(address, user)
            .compose(ids -> gateway.requireOwner(ids, user)
                .compose(v -> gateway.composer().users(ids, viewer, gateway.base(request), true))))
        .map(users -> new JsonObject().put("user_list", new JsonArray(List.copyOf(users))));
  }

  private Future<JsonObject> friendList(ApiRequest request) {
    return gateway.caller(request).compose(me -> {
      long user = request.optionalId("user_id");
      if (user != 0 && user != me) {
        throw Failure.forbidden("user_id: you can only read your own friend list");
      }
      return ids("relation.friends", me).compose(ids -> {
        Future<List<JsonObject>> users = gateway.composer().users(ids, me, gateway.base(request), true);
        Future<Map<Long, JsonObject>> latest = latestMessages(me, ids);
        return Future.all(users, latest).map(done -> friends(me, users.result(), latest.result()));
      });
    }).map(friends -> new JsonObject().put("user_list", new JsonArray(friends)));
  }

  /** The latest message with each friend; without the message domain, none (a degraded read). */
  private Future<Map<Long, JsonObject>> latestMessages(long me, List<Long> friends) {
    if (friends.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return gateway.bus().request("message.latest", new JsonObject().put("user_id", me).put("peer_ids", new JsonArray(friends)))
        .map(reply -> {
          Map<Long, JsonObject> byPeer = new HashMap<>();
          JsonArray latest = reply.getJsonArray("latest", new JsonArray());
          for (int i = 0; i < latest.size(); i++) {
            JsonObject item = latest.getJsonObject(i);
            byPeer.put(item.getLong("peer_id"), item);
          }
          return byPeer;
        })
        .otherwise(e -> {
          gateway.degradations().record("message", e);
          return Map.of();
        });
  }

  /** FriendUser: the User plus {@code message} ("" if none) and {@code msgType} (1 = sent by the caller). */
  private static List<Object> friends(long me, List<JsonObject> users, Map<Long, JsonObject> latest) {
    return users.stream().<Object>map(user -> {
      JsonObject message = latest.get(user.getLong("id"));
      boolean sent = message != null && message.getLong("from_user_id") == me;
      return user.put("message", message == null ? "" : message.getString("content")).put("msgType", sent ? 1L : 0L);
    }).toList();
  }

  private Future<List<Long>> ids(String address, long user) {
    return gateway.bus().request(address, new JsonObject().put("user_id", user)).map(reply -> {
      JsonArray array = reply.getJsonArray("user_ids", new JsonArray());
      return array.stream().map(id -> ((Number) id).longValue()).toList();
    });
  }
}
