package verticles.observability;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogTest {
  @Test
  void tokensAreMaskedHoweverTheirNameIsWritten() {
    assertEquals("", AccessLog.maskedQuery(null));
    assertEquals("?user_id=1", AccessLog.maskedQuery("user_id=1"));
    assertEquals("?token=***&user_id=1", AccessLog.maskedQuery("token=abc.def.ghi&user_id=1"));
    assertEquals("?user_id=1&TOKEN=***", AccessLog.maskedQuery("user_id=1&TOKEN=abc"));
    assertEquals("?a=1;%74oken=***", AccessLog.maskedQuery("a=1;%74oken=abc"));
    assertEquals("?tok%en=***", AccessLog.maskedQuery("tok%en=abc"), "a name that cannot be decoded is masked");
    assertEquals("?token=***", AccessLog.maskedQuery("token"));
    assertEquals("?my_token=x", AccessLog.maskedQuery("my_token=x"), "only the token parameter");
  }

  @Test
  void passwordsAreMaskedToo() {
    assertEquals("?username=ann&password=***", AccessLog.maskedQuery("username=ann&password=s3cret"));
    assertEquals("?Pass%77ord=***", AccessLog.maskedQuery("Pass%77ord=s3cret"));
  }

  @Test
  void longQueriesAreCut() {
    String masked = AccessLog.maskedQuery("a=" + "x".repeat(5000) + "&token=secret");
    assertTrue(masked.length() < 1100 && !masked.contains("secret"), masked);
  }
}
