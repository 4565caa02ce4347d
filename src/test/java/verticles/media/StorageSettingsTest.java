package verticles.media;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import verticles.common.config.Config;
import verticles.common.config.ConfigException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which storage a configuration selects, and the refusal of a half-configured Qiniu. */
class StorageSettingsTest {
  @Test
  void withoutQiniuSettingsMediaIsStoredLocally() {
    Config config = Config.withOverrides(new JsonObject().put("data_dir", "/srv/vertok"));
    assertNull(StorageSettings.qiniu(config));
    assertInstanceOf(LocalStorage.class, StorageSettings.open(config));
    assertEquals(Path.of("/srv/vertok/media"), StorageSettings.mediaDir(config));
  }

  @Test
  void aHalfConfiguredQiniuIsRefusedWithOneLineNamingWhatIsMissing() {
    Config config = Config.withOverrides(new JsonObject().put("qiniu_access_key", "ak").put("qiniu_bucket", "b"));
    ConfigException e = assertThrows(ConfigException.class, () -> StorageSettings.check(config));
    assertTrue(e.getMessage().contains("qiniu_secret_key, qiniu_domain"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void theDomainGetsASchemeAndLosesItsTrailingSlash() {
    Config config = Config.withOverrides(new JsonObject().put("qiniu_access_key", "ak").put("qiniu_secret_key", "sk")
        .put("qiniu_bucket", "b").put("qiniu_domain", "cdn.example.com/"));
    assertEquals("https://cdn.example.com", StorageSettings.qiniu(config).domain());
    assertInstanceOf(QiniuStorage.class, StorageSettings.open(config));
  }
}
