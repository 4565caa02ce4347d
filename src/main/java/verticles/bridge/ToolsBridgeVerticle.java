package verticles.bridge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.util.List;

/**
 * The event-bus bridge for internal tools: Vert.x's TCP bridge (4-byte length + JSON frames), on
 * {@code bridge_host:bridge_port} (loopback by default; off unless a port is set). Tools may send
 * requests only to the addresses it is given: the domains' pings and the read operations their
 * clients declare. Writes go through the HTTP API, where they are authenticated.
 */
public final class ToolsBridgeVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ToolsBridgeVerticle.class);

  private final List<String> permitted;
  private TcpEventBusBridge bridge;

  /** A bridge that lets tools send to {@code permitted} addresses and nothing else. */
  public ToolsBridgeVerticle(List<String> permitted) {
    this.permitted = List.copyOf(permitted);
  }

  @Override
  public Future<?> start() {
    Config config = Config.of(config());
    BridgeOptions options = new BridgeOptions();
    permitted.forEach(address -> options.addInboundPermitted(new PermittedOptions().setAddress(address)));
    String host = config.string(Setting.BRIDGE_HOST);
    int port = config.integer(Setting.BRIDGE_PORT);
    bridge = TcpEventBusBridge.create(vertx, options, new NetServerOptions());
    return bridge.listen(port, host).onSuccess(b -> log.info("tools bridge listening on {}:{}", host, port));
  }

  @Override
  public Future<?> stop() {
    return bridge == null ? Future.succeededFuture() : bridge.close();
  }
}
