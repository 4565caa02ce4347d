package verticles.support;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failover tests' load ({@link Load}): four reads (a profile, a follow list) for each follow of
 * a new pair of users (each pair at most once, so what was acknowledged can be checked at the end).
 */
public final class FollowLoad {
  private final List<Users.Account> users;
  private final AtomicInteger nextPair = new AtomicInteger();
  private final Map<Long, Set<Long>> acknowledged = new ConcurrentHashMap<>();

  public FollowLoad(List<Users.Account> users) {
    this.users = users;
  }

  public Load.Request next(WebClient client) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Users.Account reader = users.get(random.nextInt(users.size()));
    int pair = random.nextInt(5) == 0 ? nextPair.getAndIncrement() : -1;
    if (pair >= 0 && pair < users.size() * (users.size() - 1)) {
      Users.Account follower = users.get(pair / (users.size() - 1));
      int other = pair % (users.size() - 1);
      Users.Account followed = users.get(other >= users.indexOf(follower) ? other + 1 : other);
      return new Load.Request("follow " + follower.id() + "->" + followed.id(), false, () -> client
          .post("/douyin/relation/action/").addQueryParam("token", follower.token())
          .addQueryParam("to_user_id", String.valueOf(followed.id())).addQueryParam("action_type", "1").send()
          .onSuccess(r -> {
            if (r.statusCode() == 200 && r.bodyAsJsonObject().getInteger("status_code", -1) == 0) {
              acknowledged.computeIfAbsent(follower.id(), k -> ConcurrentHashMap.newKeySet()).add(followed.id());
            }
          }));
    }
    if (random.nextBoolean()) {
      return new Load.Request("user " + reader.id(), true, () -> client.get("/douyin/user/")
          .addQueryParam("user_id", String.valueOf(reader.id())).addQueryParam("token", reader.token()).send());
    }
    return new Load.Request("follow list " + reader.id(), true, () -> client.get("/douyin/relation/follow/list/")
        .addQueryParam("user_id", String.valueOf(reader.id())).addQueryParam("token", reader.token()).send());
  }

  public void assertNoAcknowledgedFollowLost(Api api) {
    assertTrue(!acknowledged.isEmpty(), "some follows were acknowledged");
    for (Users.Account user : users) {
      Set<Long> expected = acknowledged.getOrDefault(user.id(), Set.of());
      JsonArray list = api.get("/douyin/relation/follow/list/", "user_id", String.valueOf(user.id()), "token", user.token())
          .body().getJsonArray("user_list");
      Set<Long> found = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        found.add(list.getJsonObject(i).getLong("id"));
      }
      assertTrue(found.containsAll(expected), "user " + user.id() + " follows " + found + ", acknowledged " + expected);
    }
  }
}
