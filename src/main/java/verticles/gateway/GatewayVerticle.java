package verticles.gateway;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.servicediscovery.ServiceDiscovery;
import verticles.bridge.AdminBridge;
import verticles.bridge.BridgeAccess;
import verticles.common.NodeState;
import verticles.common.bus.BusClient;
import verticles.common.cache.RedisCache;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.live.LiveChannel;
import verticles.live.LiveHub;
import verticles.live.LiveLimits;
import verticles.live.LiveRelay;
import verticles.media.StorageSettings;
import verticles.observability.AccessLog;
import verticles.observability.HttpMetrics;
import verticles.observability.MetricsVerticle;
import verticles.observability.NodeMetrics;
import verticles.user.Profile;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP gateway: the 16 endpoints of the Douyin API, the extensions (the live push among them), /health, the generated profile images,
 * the media files and the web client. It parses and checks parameters, authenticates tokens, asks
 * the domains over the event bus and composes their answers; it holds no business rules.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final long MIB = 1024L * 1024L;
  private final Gateway gateway;
  private final ConnectionGuard.Addresses addresses;
  private final UploadBudget uploads;
  private final NodeState node;
  private final LiveHub live;
  private final LiveRoutes.Counts liveCounts;
  /** The gate of the SockJS bridge at /admin/eventbus, or null when {@code admin_bridge} is off. */
  private final BridgeAccess adminBridge;
  private LiveChannel liveChannel;
  private ServiceDiscovery discovery;
  private RedisCache redis;
  private HttpServer server;

  private GatewayVerticle(Gateway gateway, ConnectionGuard.Addresses addresses, UploadBudget uploads, NodeState node,
                          LiveHub live, LiveRoutes.Counts liveCounts, BridgeAccess adminBridge) {
    this.gateway = gateway;
    this.addresses = addresses;
    this.uploads = uploads;
    this.node = node;
    this.live = live;
    this.liveCounts = liveCounts;
    this.adminBridge = adminBridge;
  }

  /**
   * Gateway instances for one node. They share the node's bus client (so one circuit breaker per
   * domain per node), the token keys, the profile cache, the degradation counts, the open
   * connections per address and the upload budget. Reading or creating the token secret
   * ({@link TokenSecret}) runs on a worker. {@code node} is what /ready asks about this node. The
   * node's live push ({@link LiveHub}, the live sockets per address and per user) is shared too,
   * and its {@link LiveRelay} deployed first. {@code adminBridge} is the gate of the operators'
   * SockJS bridge, or null for none.
   */
  public static Future<Supplier<Deployable>> factory(Vertx vertx, Config config, BusClient bus, NodeState node,
                                                     BridgeAccess adminBridge) {
    return vertx.executeBlocking(() -> TokenSecret.resolve(config), false).compose(secret -> {
      Gateway gateway = Gateway.of(vertx, config, new Tokens(vertx, secret, config.integer(Setting.JWT_TTL_MINUTES)), bus, NodeMetrics.of(vertx));
      ConnectionGuard.Addresses addresses = new ConnectionGuard.Addresses();
      UploadBudget uploads = new UploadBudget(config.integer(Setting.UPLOAD_INFLIGHT_MB) * MIB,
          config.integer(Setting.UPLOAD_MAX_PER_USER));
      LiveHub live = new LiveHub(vertx, LiveLimits.of(config),
          videoId -> gateway.videos().videos(List.of(videoId)).map(rows -> !rows.isEmpty()));
      LiveRoutes.Counts liveCounts = new LiveRoutes.Counts();
      return vertx.deployVerticle(new LiveRelay(live, new LivePushes(gateway, new CommentRoutes(gateway))),
              new DeploymentOptions().setConfig(config.json()))
          .map(relay -> () -> new GatewayVerticle(gateway, addresses, uploads, node, live, liveCounts, adminBridge));
    });
  }

  @Override
  public Future<?> start() {
    Config config = gateway.config();
    Router router = Router.router(vertx);
    ConnectionGuard guard = new ConnectionGuard(vertx, addresses, config.integer(Setting.HTTP_MAX_CONNECTIONS_PER_IP),
        config.integer(Setting.HTTP_HEADER_TIMEOUT_MS));
    router.route().handler(guard);
    // Stopping (docs/cluster.md): every answer closes its connection, so clients and balancers open
    // their next one while this gateway still listens, and none is cut between two requests.
    router.route().handler(ctx -> {
      if (node.draining()) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      }
      ctx.next();
    });
    if (config.bool(Setting.METRICS)) {
      router.route().handler(new HttpMetrics(gateway.metrics()));
    }
    if (config.bool(Setting.ACCESS_LOG)) {
      router.route().handler(new AccessLog());
    }
    router.route().handler(cors(config.string(Setting.CORS_ORIGINS)));
    if (config.bool(Setting.METRICS_ON_GATEWAY)) {
      MetricsVerticle.mount(router, gateway.metrics());
    }
    Routes routes = new Routes(router, new RequestChecks.BodyRate(vertx, config.integer(Setting.HTTP_BODY_MIN_RATE),
        config.integer(Setting.HTTP_BODY_RATE_WINDOW_MS)), new Throttle(gateway));
    new UserRoutes(gateway).mount(routes);
    FeedCache<EncodedPage> feedCache = new FeedCache<>(config.integer(Setting.FEED_CACHE_MS), gateway.metrics());
    PublishUpload upload = new PublishUpload(new Throttle(gateway)::uploader, uploads, StorageSettings.uploadsDir(config),
        config.integer(Setting.UPLOAD_LIMIT_MB) * MIB);
    new VideoRoutes(gateway, feedCache, upload).mount(routes);
    new FavoriteRoutes(gateway).mount(routes);
    new CommentRoutes(gateway).mount(routes);
    new DanmakuRoutes(gateway).mount(routes);
    new RelationRoutes(gateway).mount(routes);
    new MessageRoutes(gateway).mount(routes);
    liveChannel = new LiveChannel(vertx, live);
    new LiveRoutes(gateway, liveChannel, liveCounts).mount(router);

    GeneratedImages images = new GeneratedImages(vertx);
    router.get(Profile.AVATARS + ":file").handler(images::avatar);
    router.get(Profile.BACKGROUNDS + ":file").handler(images::background);
    MediaFiles.mount(router, StorageSettings.mediaDir(config));
    discovery = ServiceDiscovery.create(vertx);
    redis = RedisCache.create(vertx, config);
    HealthHandler health = new HealthHandler(vertx, gateway, discovery, node, live, redis);
    router.get("/health").handler(health);
    router.get("/health/live").handler(HealthHandler::live);
    router.get("/ready").handler(health::ready);
    if (adminBridge != null) {
      AdminBridge.mount(vertx, router, adminBridge);
    }
    new WebApp(config).mount(router);

    router.errorHandler(404, ctx -> Envelope.transport(ctx, 404, "no such endpoint: " + ctx.request().path()));
    router.errorHandler(405, ctx -> Envelope.transport(ctx, 405,
        ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> Envelope.transport(ctx, 413, "request body is too large"));
    router.errorHandler(400, ctx -> Envelope.transport(ctx, 400, HttpEdge.MALFORMED_BODY));
    router.errorHandler(417, ctx -> Envelope.transport(ctx, 417, "only Expect: 100-continue is supported"));
    // The body handler's code for a body that broke off (the client left, a timeout closed it):
    // nobody hears the answer, and it is not an error of the server.
    router.errorHandler(200, ctx -> Envelope.transport(ctx, 400, "the request body did not arrive whole"));
    router.errorHandler(500, ctx -> Envelope.fail(ctx, ctx.failure()));

    MessageConsumer<JsonObject> published = gateway.videos().onCreated(created -> feedCache.invalidate());
    MessageConsumer<JsonObject> changed = gateway.videos().onChanged(videoId -> feedCache.invalidate());
    return vertx.fileSystem().mkdirs(StorageSettings.uploadsDir(config).toString())
        .compose(v -> Future.all(published.completion(), changed.completion()))
        .compose(v -> vertx.createHttpServer(HttpEdge.options(config))
            .connectionHandler(guard::connected)
            .invalidRequestHandler(HttpEdge::invalidRequest)
            .requestHandler(router)
            .listen())
        .onSuccess(listening -> server = listening);
  }

  /**
   * Stops taking connections and lets the requests in progress finish, for at most
   * {@code shutdown_timeout_ms}, then closes the connections left.
   */
  @Override
  public Future<?> stop() {
    if (discovery != null) {
      discovery.close();
    }
    if (liveChannel != null) {
      liveChannel.close();
    }
    Future<Void> drained = server == null ? Future.succeededFuture()
        : server.shutdown(gateway.config().integer(Setting.SHUTDOWN_TIMEOUT_MS), TimeUnit.MILLISECONDS);
    return redis == null ? drained : drained.eventually(redis::close);
  }

  private static CorsHandler cors(String origins) {
    CorsHandler cors = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
        .allowedHeaders(Set.of("Content-Type", "Authorization"))
        .maxAgeSeconds(3600);
    if (!origins.isBlank() && !origins.equals("*")) {
      cors.addOrigins(Arrays.stream(origins.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    return cors;
  }
}
