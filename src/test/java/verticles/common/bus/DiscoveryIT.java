package verticles.common.bus;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.Role;
import verticles.support.TestApp;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each domain verticle publishes a discovery record when it starts and removes it when it stops. */
@ExtendWith(VertxExtension.class)
class DiscoveryIT {
  @Test
  void aDomainIsListedWhileItRuns(Vertx vertx) {
    TestApp app = TestApp.start(vertx, new JsonObject(), Role.parse("user"));
    ServiceDiscovery discovery = ServiceDiscovery.create(vertx);
    try {
      List<Record> records = discovery.getRecords(r -> "user".equals(r.getName())).await();
      assertEquals(1, records.size());
      Record user = records.get(0);
      assertEquals("vertok-domain", user.getType());
      assertTrue(user.getLocation().getJsonArray("addresses").contains("user.register"), user.toJson().encode());
      assertTrue(user.getMetadata().getString("node").contains("@"));

      app.close();
      assertTrue(discovery.getRecords(r -> "user".equals(r.getName())).await().isEmpty(), "removed on stop");
    } finally {
      discovery.close();
    }
  }
}
