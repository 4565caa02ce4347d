package verticles.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import verticles.Node;
import verticles.Role;
import verticles.common.bus.BusClient;
import verticles.common.config.Config;
import verticles.common.config.Setting;
import verticles.common.db.DbTarget;
import verticles.events.RabbitNames;
import verticles.media.JobQueueNames;
import verticles.events.Subscription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A whole Vertok node for integration tests, on a free port with a data directory of its own.
 * The database is the embedded one, or, when the system property {@code vertok.it.db.url} holds a
 * MariaDB server URL ({@code mysql://root@127.0.0.1:3306}), a fresh database created on that
 * server for this app and dropped by {@link #close()}. Likewise, when {@code vertok.it.rabbitmq.url}
 * names a RabbitMQ broker, the app's events go through it, under a prefix of its own whose
 * exchanges and queues {@link #close()} deletes. When {@code vertok.it.redis.url} names a Redis, the
 * app uses it under a key prefix of its own, whose keys {@link #close()} deletes.
 */
public final class TestApp {
  public static final String DB_URL_PROPERTY = "vertok.it.db.url";
  public static final String RABBITMQ_URL_PROPERTY = "vertok.it.rabbitmq.url";
  public static final String REDIS_URL_PROPERTY = "vertok.it.redis.url";

  private final Vertx vertx;
  private final Config config;
  private final Node node;
  private final String createdDatabase;
  private final RabbitNames createdBrokerObjects;
  private final String createdKeys;
  private final Api api;
  private final BusClient bus;

  private TestApp(Vertx vertx, Config config, Node node, String createdDatabase, RabbitNames createdBrokerObjects,
                  String createdKeys) {
    this.vertx = vertx;
    this.config = config;
    this.node = node;
    this.createdDatabase = createdDatabase;
    this.createdBrokerObjects = createdBrokerObjects;
    this.createdKeys = createdKeys;
    this.api = new Api(vertx, config.integer(Setting.HTTP_PORT));
    this.bus = new BusClient(vertx, config);
  }

  /** Every role, with the test defaults. */
  public static TestApp start(Vertx vertx) {
    return start(vertx, new JsonObject(), Role.parse("all"));
  }

  /** Starts a node with {@code overrides} on top of the test defaults (blocking: call from the test thread). */
  public static TestApp start(Vertx vertx, JsonObject overrides, Set<Role> roles) {
    JsonObject settings = testSettings().mergeIn(overrides);
    String database = null;
    if (!overrides.containsKey(Setting.DB_URL.key()) && isMariaDb()) {
      database = createDatabase(vertx);
      settings.put(Setting.DB_URL.key(), databaseUrl(database));
    }
    RabbitNames broker = null;
    if (!overrides.containsKey(Setting.RABBITMQ_URL.key()) && !rabbitMqUrl().isEmpty()) {
      broker = new RabbitNames("vertok_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
      settings.put(Setting.RABBITMQ_URL.key(), rabbitMqUrl()).put(Setting.RABBITMQ_PREFIX.key(), broker.prefix());
    }
    String keys = null;
    if (!overrides.containsKey(Setting.REDIS_URL.key()) && !redisUrl().isEmpty()) {
      keys = "vertok_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      settings.put(Setting.REDIS_URL.key(), redisUrl()).put(Setting.REDIS_PREFIX.key(), keys);
    }
    Config config = Config.withOverrides(settings);
    Node node;
    try {
      node = Node.deploy(vertx, config, roles).await();
    } catch (RuntimeException refused) {
      removeCreated(vertx, broker, keys, database);
      throw refused;
    }
    return new TestApp(vertx, config, node, database, broker, keys);
  }

  /** Test defaults: a free port, a fresh data directory, a fast bcrypt, a secret fit for production checks. */
  public static JsonObject testSettings() {
    try {
      return new JsonObject()
          .put(Setting.HTTP_PORT.key(), freePort())
          .put(Setting.HTTP_HOST.key(), "127.0.0.1")
          .put(Setting.DATA_DIR.key(), Files.createTempDirectory("vertok-it").toString())
          .put(Setting.BCRYPT_COST.key(), 4)
          .put(Setting.JWT_SECRET.key(), "integration-test-secret-0123456789abcdef")
          .put(Setting.DB_POOL_SIZE.key(), 8)
          // Nodes started side by side would share the default metrics port.
          .put(Setting.METRICS_PORT.key(), 0)
          // Tests read counts right after writing them; FeedCacheIT covers the cache.
          .put(Setting.FEED_CACHE_MS.key(), 0)
          // Tests read a video's original right after publishing it; RenditionIT and the fault tests run renditions.
          .put(Setting.MEDIA_TRANSCODERS.key(), 0)
          // Tests register and log in many users from one address; the rate-limit tests turn them on.
          .put(Setting.RATE_LIMITS.key(), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The broker the services profile runs the integration tests with, or empty. */
  public static String rabbitMqUrl() {
    return System.getProperty(RABBITMQ_URL_PROPERTY, "").trim();
  }

  /** The Redis the services profile runs the integration tests with, or empty. */
  public static String redisUrl() {
    return System.getProperty(REDIS_URL_PROPERTY, "").trim();
  }

  public static boolean isMariaDb() {
    String url = System.getProperty(DB_URL_PROPERTY, "");
    return !url.isBlank();
  }

  public Api api() {
    return api;
  }

  /** A bus client of the test's own, for calling the domains through their typed clients. */
  public BusClient bus() {
    return bus;
  }

  public Config config() {
    return config;
  }

  public Node node() {
    return node;
  }

  public Vertx vertx() {
    return vertx;
  }

  public int port() {
    return config.integer(Setting.HTTP_PORT);
  }

  public Path dataDir() {
    return Path.of(config.string(Setting.DATA_DIR));
  }

  /** Undeploys everything and drops the database this app created. */
  public void close() {
    api.close();
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await();
    }
    if (node.database() != null) {
      node.database().close().await();
    }
    removeCreated(vertx, createdBrokerObjects, createdKeys, createdDatabase);
  }

  /** Removes the broker objects, keys and database an app was given (each may be null). */
  private static void removeCreated(Vertx vertx, RabbitNames brokerObjects, String keys, String database) {
    if (brokerObjects != null) {
      deleteBrokerObjects(vertx, rabbitMqUrl(), brokerObjects);
    }
    if (keys != null) {
      deleteKeys(vertx, redisUrl(), keys);
    }
    if (database != null) {
      dropDatabase(vertx, database);
    }
  }

  /** Deletes every key under {@code prefix} on the Redis at {@code url}. */
  public static void deleteKeys(Vertx vertx, String url, String prefix) {
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setProtocolNegotiation(false));
    try {
      String cursor = "0";
      do {
        Response page = client.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + ":*")
            .arg("COUNT").arg(1000)).await();
        cursor = page.get(0).toString();
        Request delete = Request.cmd(Command.DEL);
        page.get(1).forEach(key -> delete.arg(key.toString()));
        if (page.get(1).size() > 0) {
          client.send(delete).await();
        }
      } while (!cursor.equals("0"));
    } finally {
      client.close().await();
    }
  }

  /** Whether something accepts connections on {@code port} of the loopback address. */
  public static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the exchanges and queues of {@code names}, and the rendition jobs' of its prefix, on the broker at {@code url}. */
  public static void deleteBrokerObjects(Vertx vertx, String url, RabbitNames names) {
    RabbitMQClient client = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(url).setReconnectAttempts(0));
    client.start().await();
    try {
      for (Subscription subscription : Subscription.ALL) {
        client.queueDelete(names.queue(subscription)).await();
      }
      client.queueDelete(names.dead()).await();
      client.exchangeDelete(names.exchange()).await();
      client.exchangeDelete(names.dead()).await();
      JobQueueNames jobs = new JobQueueNames(names.prefix());
      client.queueDelete(jobs.queue()).await();
      client.queueDelete(jobs.dead()).await();
      client.exchangeDelete(jobs.dead()).await();
    } finally {
      client.stop().await();
    }
  }

  /** The MariaDB server of the services profile ({@code vertok.it.db.url}), without a database. */
  public static String serverUrl() {
    String url = System.getProperty(DB_URL_PROPERTY).trim();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The URL of {@code database} on that server. */
  public static String databaseUrl(String database) {
    return serverUrl() + "/" + database;
  }

  /** Creates a fresh, uniquely named database on that server and returns its name. */
  public static String createDatabase(Vertx vertx) {
    String database = "vertok_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin(vertx, database, "CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    return database;
  }

  public static void dropDatabase(Vertx vertx, String database) {
    admin(vertx, database, "DROP DATABASE IF EXISTS `" + database + "`");
  }

  /**
   * The end of a multi-node test: its jar processes stopped, its Vert.x closed (if started), then
   * its database dropped (if it made one), from a Vert.x of its own.
   */
  public static void tearDown(List<JarProcess> processes, Vertx vertx, String database) throws Exception {
    for (JarProcess process : processes) {
      process.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    if (database != null) {
      Vertx admin = Vertx.vertx();
      dropDatabase(admin, database);
      admin.close().await();
    }
  }

  private static void admin(Vertx vertx, String database, String statement) {
    Pool admin = adminPool(vertx, databaseUrl(database));
    try {
      admin.query(statement).execute().await();
    } finally {
      admin.close().await();
    }
  }

  /** A pool on the server of {@code url} without selecting a database. */
  private static Pool adminPool(Vertx vertx, String url) {
    DbTarget target = DbTarget.parse(url, Path.of("."));
    return MySQLBuilder.pool().connectingTo(new MySQLConnectOptions().setHost(target.host()).setPort(target.port())
        .setUser(target.user()).setPassword(target.password())).using(vertx).build();
  }

}
