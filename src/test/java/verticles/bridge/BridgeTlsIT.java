package verticles.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import verticles.Role;
import verticles.support.BridgeClient;
import verticles.support.OneNodePerClass;
import verticles.support.TestApp;
import verticles.user.OperatorAccounts;
import verticles.user.OperatorRole;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With its PEM files set, the TCP bridge speaks TLS only; one file without the other stops the node. */
class BridgeTlsIT extends OneNodePerClass {
  private static final int BRIDGE_PORT = TestApp.freePort();
  private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.create("localhost");
  private static final String PASSWORD = "a-long-operator-password";

  @Override
  protected String roles() {
    return "gateway,user";
  }

  @Override
  protected JsonObject settings() {
    return new JsonObject().put("bridge_port", BRIDGE_PORT)
        .put("bridge_tls_cert", CERTIFICATE.certificatePath()).put("bridge_tls_key", CERTIFICATE.privateKeyPath());
  }

  @BeforeAll
  void addOperator(Vertx vertx) {
    OperatorAccounts.add(vertx, app.node().database(), 4, "ops-tls", OperatorRole.VIEWER, PASSWORD).await();
  }

  @Test
  void aToolSignsInOverTls(Vertx vertx) {
    // The certificate names localhost and the client dials 127.0.0.1: trust is by the certificate itself.
    NetClientOptions tls = new NetClientOptions().setSsl(true).setTrustOptions(CERTIFICATE.trustOptions())
        .setHostnameVerificationAlgorithm("");
    try (BridgeClient tool = BridgeClient.tcp(vertx, BRIDGE_PORT, tls)) {
      assertEquals("viewer", tool.signIn("ops-tls", PASSWORD).getString("role"));
    }
  }

  @Test
  void aPlainConnectionIsClosedUnanswered(Vertx vertx) throws Exception {
    try (BridgeClient plain = BridgeClient.tcp(vertx, BRIDGE_PORT)) {
      plain.send(new JsonObject().put("type", "send").put("address", "bridge.login").put("replyAddress", "r")
          .put("body", new JsonObject().put("name", "ops-tls").put("password", PASSWORD)));
      plain.closed().await(10, TimeUnit.SECONDS);
      assertEquals(0, plain.unread());
    }
  }

  @Test
  void aCertificateWithoutItsKeyStopsTheNode(Vertx vertx) {
    JsonObject halfTls = new JsonObject().put("bridge_port", TestApp.freePort())
        .put("bridge_tls_cert", CERTIFICATE.certificatePath());
    Exception refused = assertThrows(Exception.class, () -> TestApp.start(vertx, halfTls, Role.parse("gateway")));
    assertTrue(String.valueOf(refused.getMessage()).contains("bridge_tls_cert and bridge_tls_key go together"),
        String.valueOf(refused.getMessage()));
  }
}
