package verticles.common.bus;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import verticles.Role;
import verticles.support.TestApp;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each domain verticle publishes a discovery record when it starts and removes it when it stops;
 * /health lists the nodes of each domain from them.
 */
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

  @Test
  void healthListsTheNodesThatServeEachDomain(Vertx vertx) {
    TestApp app = TestApp.start(vertx, new JsonObject(), Role.parse("gateway,user"));
    try {
      JsonObject domains = app.api().get("/health").body().getJsonObject("domains");
      assertEquals(new JsonArray().add(ManagementFactory.getRuntimeMXBean().getName()),
          domains.getJsonObject("user").getJsonArray("nodes"), domains.encode());
      assertEquals(new JsonArray(), domains.getJsonObject("video").getJsonArray("nodes"), "a domain no node serves");
    } finally {
      app.close();
    }
  }
}
