package verticles.support;

import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of concurrency tests: one whole node per class and a client with many connections to it. */
public abstract class BurstNodePerClass extends OneNodePerClass {
  protected static final int CONNECTIONS = 64;
  protected static WebClient client;

  @BeforeAll
  static void startBurstClient() {
    client = Burst.client(app, CONNECTIONS);
  }

  @AfterAll
  static void stopBurstClient() {
    client.close();
  }
}
