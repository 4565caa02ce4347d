package verticles.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Registers users with unique names through the API. */
public final class Users {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Users() {
  }

  /** A registered user: id, name and token. */
  public record Account(long id, String name, String token) {
  }

  public static String uniqueName(String prefix) {
    return prefix + "_" + ProcessHandle.current().pid() % 1000 + "_" + SEQUENCE.incrementAndGet();
  }

  public static Account register(Api api, String prefix) {
    String name = uniqueName(prefix);
    Api.Reply reply = api.post("/douyin/user/register/", "username", name, "password", "secret123");
    if (reply.code() != 0) {
      throw new AssertionError("register failed: " + reply);
    }
    return new Account(reply.body().getLong("user_id"), name, reply.body().getString("token"));
  }
}
