package verticles.media;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FairQueueTest {
  private final List<String> started = new ArrayList<>();
  private final Map<String, Promise<String>> running = new ConcurrentHashMap<>();

  private Future<String> task(FairQueue queue, long user, String name) {
    return queue.submit(user, () -> {
      started.add(name);
      Promise<String> promise = Promise.promise();
      running.put(name, promise);
      return promise.future();
    });
  }

  @Test
  void usersTakeTurnsAndNoMoreThanTheLimitRunAtOnce() {
    FairQueue queue = new FairQueue(2);
    Future<String> a1 = task(queue, 1, "a1");
    task(queue, 1, "a2");
    task(queue, 1, "a3");
    task(queue, 1, "a4");
    task(queue, 2, "b1");
    task(queue, 3, "c1");
    task(queue, 2, "b2");
    assertEquals(List.of("a1", "a2"), started, "two at once");

    running.get("a1").complete("done a1");
    assertTrue(a1.succeeded());
    assertEquals("done a1", a1.result(), "the task's result is the submitter's");
    assertEquals(List.of("a1", "a2", "a3"), started, "user 1 had its turn first, then...");
    running.get("a2").complete("");
    running.get("a3").complete("");
    running.get("b1").complete("");
    running.get("a4").complete("");
    assertEquals(List.of("a1", "a2", "a3", "b1", "c1", "a4", "b2"), started,
        "...users 2 and 3 get their turns before user 1's fourth upload, though it came first");
  }

  @Test
  void aFailingTaskFreesItsSlot() {
    FairQueue queue = new FairQueue(1);
    Future<String> failing = queue.submit(1, () -> {
      throw new IllegalStateException("broken");
    });
    assertTrue(failing.failed());
    Future<String> next = task(queue, 1, "next");
    assertFalse(next.isComplete());
    assertEquals(List.of("next"), started, "the slot of the failed task is free again");
  }
}
