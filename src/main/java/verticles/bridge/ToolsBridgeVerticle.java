package verticles.bridge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;

/**
 * The event-bus bridge for internal tools: Vert.x's TCP bridge (4-byte length + JSON frames), on
 * {@code bridge_host:bridge_port} (loopback by default; off unless a port is set), with TLS when
 * {@code bridge_tls_cert} and {@code bridge_tls_key} name PEM files. Every frame passes
 * {@link BridgeAccess}: signed-in operators only, each to the addresses of its role.
 */
public final class ToolsBridgeVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ToolsBridgeVerticle.class);

  private final BridgeAccess access;
  private TcpEventBusBridge bridge;

  public ToolsBridgeVerticle(BridgeAccess access) {
    this.access = access;
  }

  @Override
  public Future<?> start() {
    Config config = Config.of(config());
    String host = config.string(Setting.BRIDGE_HOST);
    int port = config.integer(Setting.BRIDGE_PORT);
    bridge = TcpEventBusBridge.create(vertx, access.options(new BridgeOptions()), serverOptions(config),
        event -> access.check(event, String.valueOf(event.socket().remoteAddress())));
    return bridge.listen(port, host).onSuccess(b -> log.info("tools bridge listening on {}:{}{}", host, port,
        serverOptions(config).isSsl() ? " (TLS)" : ""));
  }

  /** Refuses one of the TLS files without the other (before anything is deployed). */
  public static void checkTls(Config config) {
    if (config.string(Setting.BRIDGE_TLS_CERT).isEmpty() != config.string(Setting.BRIDGE_TLS_KEY).isEmpty()) {
      throw new ConfigException("bridge_tls_cert and bridge_tls_key go together: set both (PEM files) or neither");
    }
  }

  /** TLS when both PEM files are set. */
  static NetServerOptions serverOptions(Config config) {
    checkTls(config);
    String cert = config.string(Setting.BRIDGE_TLS_CERT);
    String key = config.string(Setting.BRIDGE_TLS_KEY);
    NetServerOptions options = new NetServerOptions();
    return cert.isEmpty() ? options
        : options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert).setKeyPath(key));
  }

  @Override
  public Future<?> stop() {
    return bridge == null ? Future.succeededFuture() : bridge.close();
  }
}
