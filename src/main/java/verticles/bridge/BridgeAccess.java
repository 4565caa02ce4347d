package verticles.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BaseBridgeEvent;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.bus.Consumers;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.gateway.TokenSecret;
import verticles.user.UserClient;

/**
 * The one gate of both event-bus bridges (TCP and SockJS). A tool signs in by sending
 * {@code {name, password}} to {@value #LOGIN} and gets a short-lived operator token; every later
 * SEND, PUBLISH and REGISTER carries it in the {@value #TOKEN_HEADER} header and is let through
 * only when the token is valid and the operator's role may use that address
 * ({@link BridgePermissions}). Everything else is refused and logged (who, what, from where).
 * What passes reaches the bus without the token and with the {@value #OPERATOR_HEADER} and
 * {@value #FROM_HEADER} headers set by the bridge (whatever the tool sent in them is replaced).
 */
public final class BridgeAccess {
  private static final Logger log = LoggerFactory.getLogger(BridgeAccess.class);
  /** Where tools sign in: a consumer on each gateway node's own event bus. */
  public static final String LOGIN = "bridge.login";
  static final String TOKEN_HEADER = "token";
  /** The operator's name, on what the bridges let through. */
  public static final String OPERATOR_HEADER = "operator";
  /** The caller's address ({@code host:port}), on what the bridges let through. */
  public static final String FROM_HEADER = "from";

  private final OperatorTokens tokens;
  private final BridgePermissions permissions;
  private final MessageConsumer<Object> login;

  private BridgeAccess(OperatorTokens tokens, BridgePermissions permissions, MessageConsumer<Object> login) {
    this.tokens = tokens;
    this.permissions = permissions;
    this.login = login;
  }

  /** The gate of this node's bridges, with its sign-in consumer registered; reads the token secret on a worker. */
  public static Future<BridgeAccess> start(Vertx vertx, Config config, BridgePermissions permissions, UserClient users) {
    return vertx.executeBlocking(() -> TokenSecret.resolve(config), false).compose(secret -> {
      OperatorTokens tokens = new OperatorTokens(vertx, secret, config.integer(Setting.OPERATOR_TOKEN_TTL_MINUTES));
      MessageConsumer<Object> login = Consumers.registerLocal(vertx, LOGIN, body -> signIn(tokens, users, body));
      return login.completion().map(v -> new BridgeAccess(tokens, permissions, login));
    });
  }

  private static Future<JsonObject> signIn(OperatorTokens tokens, UserClient users, JsonObject body) {
    String name = body.getValue("name") instanceof String s ? s : "";
    String password = body.getValue("password") instanceof String s ? s : "";
    return users.operatorLogin(name, password)
        .map(role -> {
          OperatorTokens.Operator operator = new OperatorTokens.Operator(name, role);
          log.info("bridge: operator {} ({}) signed in", name, role.key());
          return new JsonObject().put("token", tokens.issue(operator)).put("name", name).put("role", role.key())
              .put("expires_in", tokens.ttlMinutes() * 60);
        })
        .onFailure(e -> log.warn("bridge: sign-in refused for operator '{}': {}", name, e.getMessage()));
  }

  /** What the bridges let through at all: sign-in and the addresses some role may use (the role is checked per frame). */
  public <T extends BridgeOptions> T options(T options) {
    options.addInboundPermitted(new PermittedOptions().setAddress(LOGIN));
    permissions.anySend().forEach(address -> options.addInboundPermitted(new PermittedOptions().setAddress(address)));
    return options;
  }

  /** Decides one bridge event of a caller at {@code from}: completes it true (let through) or false (refused, logged). */
  public void check(BaseBridgeEvent event, String from) {
    BridgeEventType type = event.type();
    if (type != BridgeEventType.SEND && type != BridgeEventType.PUBLISH && type != BridgeEventType.REGISTER) {
      event.complete(true);
      return;
    }
    JsonObject frame = event.getRawMessage();
    String address = frame == null ? null : frame.getValue("address") instanceof String a ? a : null;
    JsonObject headers = frame == null ? null : frame.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
    if (address == null || headers == null) {
      refuse(event, from, "-", type, address, "malformed frame");
      return;
    }
    Object token = headers.remove(TOKEN_HEADER);
    headers.remove(OPERATOR_HEADER);
    headers.put(FROM_HEADER, from);
    frame.put("headers", headers);
    if (type == BridgeEventType.SEND && address.equals(LOGIN)) {
      event.complete(true);
      return;
    }
    tokens.verify(token instanceof String s ? s : null).onComplete(verified -> {
      if (verified.failed()) {
        refuse(event, from, "-", type, address, verified.cause().getMessage());
      } else if (type == BridgeEventType.REGISTER || !permissions.maySend(verified.result().role(), address)) {
        OperatorTokens.Operator operator = verified.result();
        refuse(event, from, operator.name(), type, address, "role " + operator.role().key() + " may not use it");
      } else {
        headers.put(OPERATOR_HEADER, verified.result().name());
        event.complete(true);
      }
    });
  }

  private static void refuse(BaseBridgeEvent event, String from, String operator, BridgeEventType type, String address,
                             String reason) {
    log.warn("bridge: refused {} to {} by operator {} from {}: {}", type.name().toLowerCase(java.util.Locale.ROOT),
        address, operator, from, reason);
    event.complete(false);
  }

  public Future<Void> close() {
    return login.unregister();
  }
}
