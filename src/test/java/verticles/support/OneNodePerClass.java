package verticles.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.Role;

/**
 * Base of integration tests whose methods share one whole node: every role with the test defaults,
 * unless the class overrides {@link #roles()} or {@link #settings()}.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OneNodePerClass {
  protected static TestApp app;
  protected static Api api;

  /** The roles of the node ({@code gateway,user}, …): all of them unless overridden. */
  protected String roles() {
    return "all";
  }

  /** Settings on top of the test defaults ({@link TestApp#testSettings()}): none unless overridden. */
  protected JsonObject settings() {
    return new JsonObject();
  }

  @BeforeAll
  void startNode(Vertx vertx) {
    app = TestApp.start(vertx, settings(), Role.parse(roles()));
    api = app.api();
  }

  @AfterAll
  void stopNode() {
    app.close();
  }
}
