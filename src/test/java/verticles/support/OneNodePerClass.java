package verticles.support;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** Base of integration tests whose methods share one whole node (every role, test defaults). */
@ExtendWith(VertxExtension.class)
public abstract class OneNodePerClass {
  protected static TestApp app;
  protected static Api api;

  @BeforeAll
  static void startNode(Vertx vertx) {
    app = TestApp.start(vertx);
    api = app.api();
  }

  @AfterAll
  static void stopNode() {
    app.close();
  }
}
