package verticles;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import verticles.comment.CommentClient;
import verticles.comment.CommentVerticle;
import verticles.common.bus.BusClient;
import verticles.common.bus.Domain;
import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;
import verticles.common.db.Database;
import verticles.common.db.DbTarget;
import verticles.common.db.Migrations;
import verticles.bridge.ToolsBridgeVerticle;
import verticles.favorite.FavoriteClient;
import verticles.favorite.FavoriteVerticle;
import verticles.gateway.GatewayVerticle;
import verticles.media.MediaVerticle;
import verticles.media.StorageSettings;
import verticles.message.MessageClient;
import verticles.message.MessageVerticle;
import verticles.relation.RelationClient;
import verticles.relation.RelationVerticle;
import verticles.user.UserClient;
import verticles.user.UserVerticle;
import verticles.video.VideoAuthors;
import verticles.video.VideoClient;
import verticles.video.VideoVerticle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Deploys what one node runs onto a Vert.x instance: the database (migrated) when the node runs
 * any domain, then the domain verticles, then the gateway, so that a single node never answers
 * "unavailable" for its own domains. Every node that serves a domain deploys the same number of
 * instances of it ({@code domain_instances}), which keeps the clustered event bus fair.
 */
public final class Node {
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

  /**
   * Deploys {@code roles} onto {@code vertx}. Blocking setup (migrations) runs on a worker. The
   * node's verticles share one {@link BusClient}: one circuit breaker per target domain per node.
   */
  public static Future<Node> deploy(Vertx vertx, Config config, Set<Role> roles) {
    if (roles.contains(Role.GATEWAY)) {
      StorageSettings.check(config);
    }
    BusClient bus = new BusClient(vertx, config);
    boolean needsDatabase = roles.stream().anyMatch(Role::isDomain);
    Future<Database> database = needsDatabase ? openDatabase(vertx, config) : Future.succeededFuture(null);
    return database.compose(db -> {
      List<Supplier<Future<String>>> steps = new ArrayList<>();
      for (Role role : roles) {
        if (role.isDomain()) {
          BiFunction<Database, BusClient, Deployable> verticle = parts(role.domain()).verticle();
          steps.add(() -> vertx.deployVerticle(() -> verticle.apply(db, bus), options(config, Setting.DOMAIN_INSTANCES)));
        }
      }
      if (roles.contains(Role.GATEWAY)) {
        // Uploads land on the gateway's disk, so the media worker runs next to every gateway.
        steps.add(() -> vertx.deployVerticle(MediaVerticle::new, MediaVerticle.deploymentOptions(config)));
        Supplier<Deployable> gateway = GatewayVerticle.factory(vertx, config, bus);
        steps.add(() -> vertx.deployVerticle(gateway, options(config, Setting.GATEWAY_INSTANCES)));
        if (config.integer(Setting.BRIDGE_PORT) > 0) {
          steps.add(() -> vertx.deployVerticle(new ToolsBridgeVerticle(toolReads()),
              new DeploymentOptions().setConfig(config.json())));
        }
      }
      Future<String> chain = Future.succeededFuture();
      for (Supplier<Future<String>> step : steps) {
        chain = chain.compose(v -> step.get());
      }
      return chain.map(v -> new Node(vertx, db));
    });
  }

  /**
   * What a domain brings to a node: how to build one instance of its verticle (with the clients of
   * the domains it asks) and the reads of its client that internal tools may call.
   */
  private record DomainParts(BiFunction<Database, BusClient, Deployable> verticle, List<String> toolReads) {
  }

  private static DomainParts parts(Domain domain) {
    return switch (domain) {
      case USER -> new DomainParts((db, bus) -> new UserVerticle(db), UserClient.READS);
      case VIDEO -> new DomainParts((db, bus) -> new VideoVerticle(db), VideoClient.READS);
      case FAVORITE -> new DomainParts((db, bus) -> new FavoriteVerticle(db, new VideoAuthors(new VideoClient(bus))),
          FavoriteClient.READS);
      case COMMENT -> new DomainParts((db, bus) -> new CommentVerticle(db, new VideoAuthors(new VideoClient(bus))),
          CommentClient.READS);
      case RELATION -> new DomainParts((db, bus) -> new RelationVerticle(db, new UserClient(bus)), RelationClient.READS);
      case MESSAGE -> new DomainParts((db, bus) -> new MessageVerticle(db, new UserClient(bus)), MessageClient.READS);
    };
  }

  /** What internal tools may call on the bridge: every domain's ping and the reads its client declares. */
  static List<String> toolReads() {
    List<String> reads = new ArrayList<>();
    for (Domain domain : Domain.values()) {
      reads.add(domain.ping());
      reads.addAll(parts(domain).toolReads());
    }
    return reads;
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
