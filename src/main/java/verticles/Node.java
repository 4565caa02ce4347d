package verticles;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.comment.CommentVerticle;
import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;
import verticles.common.db.Database;
import verticles.common.db.DbTarget;
import verticles.common.db.Migrations;
import verticles.bridge.ToolsBridgeVerticle;
import verticles.favorite.FavoriteVerticle;
import verticles.gateway.GatewayVerticle;
import verticles.media.MediaVerticle;
import verticles.media.StorageSettings;
import verticles.message.MessageVerticle;
import verticles.relation.RelationVerticle;
import verticles.user.UserVerticle;
import verticles.video.VideoVerticle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Deploys what one node runs onto a Vert.x instance: the database (migrated) when the node runs
 * any domain, then the domain verticles, then the gateway, so that a single node never answers
 * "unavailable" for its own domains. Every node that serves a domain deploys the same number of
 * instances of it ({@code domain_instances}), which keeps the clustered event bus fair.
 */
public final class Node {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  /** How each domain role builds its verticle; the gateway is deployed separately. */
  private static final Map<Role, Function<Database, Deployable>> DOMAINS = new EnumMap<>(Role.class);

  static {
    DOMAINS.put(Role.USER, UserVerticle::new);
    DOMAINS.put(Role.VIDEO, VideoVerticle::new);
    DOMAINS.put(Role.FAVORITE, FavoriteVerticle::new);
    DOMAINS.put(Role.COMMENT, CommentVerticle::new);
    DOMAINS.put(Role.RELATION, RelationVerticle::new);
    DOMAINS.put(Role.MESSAGE, MessageVerticle::new);
  }

  private final Vertx vertx;
  private final Database database;

  private Node(Vertx vertx, Database database) {
    this.vertx = vertx;
    this.database = database;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The node's database, or null when it runs no domain. */
  public Database database() {
    return database;
  }

  /** Refuses configurations that must not run: a known secret where tokens guard real data. */
  public static void checkProduction(Config config, boolean clustered) {
    String secret = config.string(Setting.JWT_SECRET);
    if (config.production() || clustered) {
      if (secret.equals(Config.DEVELOPMENT_JWT_SECRET)) {
        throw new ConfigException("refusing to start: jwt_secret is the built-in development secret; "
            + "set VERTOK_JWT_SECRET to a secret of your own (at least 32 characters)");
      }
      if (secret.length() < 32) {
        throw new ConfigException("refusing to start: jwt_secret must be at least 32 characters in production");
      }
    }
  }

  /** Deploys {@code roles} onto {@code vertx}. Blocking setup (migrations) runs on a worker. */
  public static Future<Node> deploy(Vertx vertx, Config config, Set<Role> roles) {
    if (roles.contains(Role.GATEWAY)) {
      StorageSettings.check(config);
    }
    boolean needsDatabase = roles.stream().anyMatch(Role::isDomain);
    Future<Database> database = needsDatabase ? openDatabase(vertx, config) : Future.succeededFuture(null);
    return database.compose(db -> {
      List<Supplier<Future<String>>> steps = new ArrayList<>();
      for (Role role : roles) {
        Function<Database, Deployable> factory = DOMAINS.get(role);
        if (factory != null) {
          steps.add(() -> vertx.deployVerticle(() -> factory.apply(db), options(config, Setting.DOMAIN_INSTANCES)));
        } else if (role.isDomain()) {
          log.warn("the {} domain is not built yet; this node does not serve it", role.key());
        }
      }
      if (roles.contains(Role.GATEWAY)) {
        // Uploads land on the gateway's disk, so the media worker runs next to every gateway.
        steps.add(() -> vertx.deployVerticle(MediaVerticle::new, MediaVerticle.deploymentOptions(config)));
        Supplier<Deployable> gateway = GatewayVerticle.factory(vertx, config);
        steps.add(() -> vertx.deployVerticle(gateway, options(config, Setting.GATEWAY_INSTANCES)));
        if (config.integer(Setting.BRIDGE_PORT) > 0) {
          steps.add(() -> vertx.deployVerticle(new ToolsBridgeVerticle(), new DeploymentOptions().setConfig(config.json())));
        }
      }
      Future<String> chain = Future.succeededFuture();
      for (Supplier<Future<String>> step : steps) {
        chain = chain.compose(v -> step.get());
      }
      return chain.map(v -> new Node(vertx, db));
    });
  }

  private static DeploymentOptions options(Config config, Setting instances) {
    return new DeploymentOptions().setConfig(config.json()).setInstances(config.integer(instances));
  }

  private static Future<Database> openDatabase(Vertx vertx, Config config) {
    DbTarget target = DbTarget.parse(config.string(Setting.DB_URL), Path.of(config.string(Setting.DATA_DIR)));
    return vertx.executeBlocking(() -> {
      if (target.kind() == DbTarget.Kind.H2) {
        Files.createDirectories(target.h2File().getParent());
      }
      Migrations.migrate(target);
      return Database.connect(vertx, target, config.integer(Setting.DB_POOL_SIZE));
    }, false);
  }
}
