package verticles.common.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {
  @Test
  void defaultsAreEmbeddedOnPort8080() {
    Config config = Config.load(null, Map.of());
    assertEquals(8080, config.integer(Setting.HTTP_PORT));
    assertEquals("./data", config.string(Setting.DATA_DIR));
    assertFalse(config.production());
    assertEquals("", config.string(Setting.JWT_SECRET), "no secret ships: each data directory gets its own");
  }

  @Test
  void theFileOverridesDefaultsAndTheEnvironmentOverridesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vertok.json");
    Files.writeString(file, "{\"http_port\": 9000, \"data_dir\": \"/srv/vertok\"}");
    Config fromFile = Config.load(file, Map.of());
    assertEquals(9000, fromFile.integer(Setting.HTTP_PORT));
    assertEquals("/srv/vertok", fromFile.string(Setting.DATA_DIR));

    Config fromEnv = Config.load(file, Map.of("VERTOK_HTTP_PORT", "9100", "PATH", "/bin"));
    assertEquals(9100, fromEnv.integer(Setting.HTTP_PORT));
    assertEquals("/srv/vertok", fromEnv.string(Setting.DATA_DIR));
  }

  @Test
  void aMysqlUrlMeansProduction() {
    Config config = Config.load(null, Map.of("VERTOK_DB_URL", "mysql://u:p@db:3306/vertok"));
    assertTrue(config.production());
  }

  @Test
  void badValuesAreRefusedWithTheKeyNamed(@TempDir Path dir) throws Exception {
    assertMessage("http_port must be a whole number", () -> Config.load(null, Map.of("VERTOK_HTTP_PORT", "eighty")));
    assertMessage("http_port must be between 0 and 65535", () -> Config.load(null, Map.of("VERTOK_HTTP_PORT", "70000")));
    assertMessage("bcrypt_cost must be between 1", () -> Config.load(null, Map.of("VERTOK_BCRYPT_COST", "0")));
    assertMessage("http_idle_timeout_ms must be between 1", () -> Config.load(null, Map.of("VERTOK_HTTP_IDLE_TIMEOUT_MS", "0")));
    assertMessage("http_max_connections_per_ip must be a whole number",
        () -> Config.load(null, Map.of("VERTOK_HTTP_MAX_CONNECTIONS_PER_IP", "many")));
    assertMessage("upload_inflight_mb must be at least upload_limit_mb (100), got 50",
        () -> Config.load(null, Map.of("VERTOK_UPLOAD_INFLIGHT_MB", "50")));
    assertMessage("list_default_cap must be between 1 and 1000, got 1001",
        () -> Config.load(null, Map.of("VERTOK_LIST_DEFAULT_CAP", "1001")));
    assertMessage("list_default_cap must be between 1 and", () -> Config.load(null, Map.of("VERTOK_LIST_DEFAULT_CAP", "0")));
    assertMessage("list_queue must be between 0 and", () -> Config.load(null, Map.of("VERTOK_LIST_QUEUE", "-1")));
    assertMessage("unknown setting VERTOK_HTTP_PROT", () -> Config.load(null, Map.of("VERTOK_HTTP_PROT", "1")));
    assertMessage("time_zone 'Mars/Olympus' is not a known time zone",
        () -> Config.load(null, Map.of("VERTOK_TIME_ZONE", "Mars/Olympus")));

    Path typo = dir.resolve("typo.json");
    Files.writeString(typo, "{\"http_prot\": 1}");
    assertMessage("unknown setting 'http_prot'", () -> Config.load(typo, Map.of()));
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{ not json");
    assertMessage("is not a JSON object", () -> Config.load(broken, Map.of()));
    assertMessage("cannot read config file", () -> Config.load(dir.resolve("missing.json"), Map.of()));
    assertMessage("must be a string", () -> Config.withOverrides(new JsonObject().put("db_url", 5)));
    assertMessage("allowed_hosts: 'http://video.test' is not a host name",
        () -> Config.load(null, Map.of("VERTOK_ALLOWED_HOSTS", "localhost,http://video.test")));
    assertMessage("allowed_hosts: 'video.test:8080' is not a host name",
        () -> Config.load(null, Map.of("VERTOK_ALLOWED_HOSTS", "video.test:8080")));
    assertEquals(java.util.List.of("video.test", "::1", "localhost"),
        Config.load(null, Map.of("VERTOK_ALLOWED_HOSTS", " Video.Test, [::1] ,,localhost")).hostNames(Setting.ALLOWED_HOSTS));
    assertMessage("jwt_secret must be at least 32 characters",
        () -> Config.load(null, Map.of("VERTOK_JWT_SECRET", "short-and-guessable")));
  }

  @Test
  void clusterDiscoveryIsTcpOrKubernetesDnsWithAServiceName() {
    assertEquals("tcp", Config.load(null, Map.of()).string(Setting.CLUSTER_DISCOVERY));
    assertMessage("cluster_discovery must be one of [tcp, kubernetes-dns], got 'multicast'",
        () -> Config.load(null, Map.of("VERTOK_CLUSTER_DISCOVERY", "multicast")));
    assertMessage("cluster_discovery kubernetes-dns needs cluster_service_dns",
        () -> Config.load(null, Map.of("VERTOK_CLUSTER_DISCOVERY", "kubernetes-dns")));
    Config k8s = Config.load(null, Map.of("VERTOK_CLUSTER_DISCOVERY", "kubernetes-dns",
        "VERTOK_CLUSTER_SERVICE_DNS", "vertok-cluster.default.svc.cluster.local", "VERTOK_EVENTBUS_PORT", "5801"));
    assertEquals(5801, k8s.integer(Setting.EVENTBUS_PORT));
    assertMessage("db_wait_seconds must be a whole number", () -> Config.load(null, Map.of("VERTOK_DB_WAIT_SECONDS", "soon")));
  }

  @Test
  void aConfigSurvivesTheTripThroughDeploymentJson() {
    Config config = Config.withOverrides(new JsonObject().put("http_port", 1234));
    assertEquals(1234, Config.of(config.json()).integer(Setting.HTTP_PORT));
  }

  private static void assertMessage(String expected, Executable executable) {
    ConfigException e = assertThrows(ConfigException.class, executable);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
