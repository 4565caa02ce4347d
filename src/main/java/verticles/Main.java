package verticles;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;
import verticles.demo.DemoSeeder;
import verticles.observability.Logging;
import verticles.observability.MetricsSetup;
import verticles.observability.Tracing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The entry point: {@code java -jar vertok.jar [--conf file.json] [--cluster] [--roles gateway,user,...] [--demo]}.
 * Without arguments it runs everything in one JVM on an embedded database.
 * {@code java -jar vertok.jar operator add ...} records an operator account ({@link OperatorCommand}).
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final long DEMO_TIMEOUT_MINUTES = 10;
  /** Time allowed beyond shutdown_timeout_ms for leaving the cluster and closing the pools. */
  private static final long SHUTDOWN_MARGIN_MS = 10_000;
  static final String USAGE = "usage: java -jar vertok.jar [--conf FILE.json] [--cluster] [--roles all|gateway,user,video,...] [--demo]";

  private Main() {
  }

  /** The command line. */
  record Options(Path confFile, boolean cluster, String roles, boolean demo) {
    static Options parse(String[] args) {
      Path conf = null;
      boolean cluster = false;
      String roles = null;
      boolean demo = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--conf", "-conf" -> conf = Path.of(value(args, ++i, "--conf"));
          case "--cluster", "-cluster" -> cluster = true;
          case "--roles" -> roles = value(args, ++i, "--roles");
          case "--demo" -> demo = true;
          default -> throw new ConfigException("unknown argument '" + args[i] + "'; " + USAGE);
        }
      }
      return new Options(conf, cluster, roles, demo);
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new ConfigException(flag + " needs a value; " + USAGE);
      }
      return args[i];
    }
  }

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      log.info(USAGE);
      log.info(OperatorCommand.USAGE);
      return;
    }
    if (args.length > 0 && args[0].equals("operator")) {
      try {
        OperatorCommand.run(Arrays.copyOfRange(args, 1, args.length));
        log.info("operator {} added", args.length > 2 ? args[2] : "");
        System.exit(0);
      } catch (Throwable e) {
        log.error("operator: {}", StartupFailure.describe(e));
        System.exit(1);
      }
    }
    Vertx vertx = null;
    try {
      Options options = Options.parse(args);
      Config loaded = Config.load(options.confFile(), System.getenv());
      Config config = options.demo() ? loaded.with(Setting.DEMO, true) : loaded;
      Logging.configure(config);
      Set<Role> roles = Role.parse(options.roles() != null ? options.roles() : config.string(Setting.ROLES));
      Node.checkSecret(config, roles, options.cluster());
      DemoSeeder.check(config, roles);
      vertx = createVertx(config, options.cluster()).await(2, TimeUnit.MINUTES);
      Vertx started = vertx;
      Thread hook = new Thread(() -> started.close().await(), "vertok-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      Node node = Node.deploy(vertx, config, roles).await(120L + config.integer(Setting.DB_WAIT_SECONDS), TimeUnit.SECONDS);
      // Started: a SIGTERM from now on stops the node gracefully (bounded: a stuck close cannot hold the exit).
      long shutdownMs = config.integer(Setting.SHUTDOWN_TIMEOUT_MS) + SHUTDOWN_MARGIN_MS;
      Runtime.getRuntime().removeShutdownHook(hook);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          // The notice: the node serves on while balancers see /ready answer 503 (this thread may wait).
          Thread.sleep(node.announceStop());
          node.shutdown().await(shutdownMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          log.warn("shutdown did not finish in {} ms: {}", shutdownMs, StartupFailure.describe(e));
        }
      }, "vertok-shutdown"));
      if (config.bool(Setting.DEMO)) {
        seedDemo(vertx, config, node);
      }
      log.info("Vertok is up: roles={} database={} cluster={}", roles,
          config.production() ? "mysql" : "embedded",
          options.cluster() ? config.string(Setting.CLUSTER_NAME) : "off");
      if (roles.contains(Role.GATEWAY)) {
        log.info("listening on {}", String.join(" ", ListenAddresses.urls(config.string(Setting.HTTP_HOST),
            config.integer(Setting.HTTP_PORT))));
      }
    } catch (Throwable e) {
      log.error("cannot start: {}", StartupFailure.describe(e));
      if (vertx != null) {
        try {
          vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // Exiting anyway.
        }
      }
      System.exit(1);
    }
  }

  /** Seeds the demo content; a failure leaves the server running (it is only sample data). */
  private static void seedDemo(Vertx vertx, Config config, Node node) {
    try {
      DemoSeeder.seedIfEmpty(vertx, config, node).await(DEMO_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (Exception e) {
      log.error("demo: seeding stopped, the server runs without (all of) the demo content: {}", StartupFailure.describe(e));
    }
  }

  /** A plain or clustered Vert.x, as configured, with its metrics and tracing. */
  public static Future<Vertx> createVertx(Config config, boolean cluster) {
    VertxOptions options = new VertxOptions();
    VertxBuilder builder = Vertx.builder();
    Tracing.apply(config, builder);
    MetricsSetup metrics = MetricsSetup.apply(config, builder, options);
    Future<Vertx> built;
    if (cluster) {
      String host = ClusterConfig.host(config);
      // eventbus_port 0: a random free port, advertised as it is bound.
      options.setEventBusOptions(new EventBusOptions().setHost(host).setPort(config.integer(Setting.EVENTBUS_PORT))
          .setClusterPublicHost(host));
      built = builder.with(options)
          .withClusterManager(new HazelcastClusterManager(ClusterConfig.hazelcast(config)))
          .buildClustered();
    } else {
      built = Future.succeededFuture(builder.with(options).build());
    }
    return metrics == null ? built : built.map(metrics::installOn);
  }
}
