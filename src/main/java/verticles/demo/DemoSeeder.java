package verticles.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.Node;
import verticles.Role;
import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Demo content for a first start ({@code --demo}, or the {@code demo} setting): on an empty
 * database only, the users, videos, likes, comments, follows and chats of
 * {@code demo/content.json} (videos in publish order: the last one tops the feed), the videos drawn
 * with FFmpeg on worker threads. Everything goes through this node's own HTTP API, so the demo
 * passes the same checks as any client and knows nothing of the domains' internals. The demo users get random passwords, written to
 * {@code <data_dir>/demo-accounts.txt} (readable by its owner only) so that one can sign in as them.
 */
public final class DemoSeeder {
  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  static final String CONTENT = "demo/content.json";
  static final String ACCOUNTS_FILE = "demo-accounts.txt";

  /** A demo user once registered. */
  record Account(String name, String password, long id, String token) {
  }

  /** What seeding did; {@code seeded} is false when the database already had users. */
  public record Report(boolean seeded, int users, int videos, int likes, int comments, int follows, int messages) {
  }

  private final Vertx vertx;
  private final Config config;
  private final Node node;
  private final OwnApi api;
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, Long> videoIds = new LinkedHashMap<>();

  private DemoSeeder(Vertx vertx, Config config, Node node) {
    this.vertx = vertx;
    this.config = config;
    this.node = node;
    this.api = new OwnApi(vertx, config);
  }

  /** The demo needs this node's gateway (it seeds over HTTP) and its database (to see that it is empty). */
  public static void check(Config config, Set<Role> roles) {
    if (config.bool(Setting.DEMO) && (!roles.contains(Role.GATEWAY) || roles.stream().noneMatch(Role::isDomain))) {
      throw new ConfigException("demo content needs a node that runs the gateway and at least one domain; "
          + "start the demo on a single node (--roles all)");
    }
  }

  /** Seeds the demo content when the database has no user yet. */
  public static Future<Report> seedIfEmpty(Vertx vertx, Config config, Node node) {
    DemoSeeder seeder = new DemoSeeder(vertx, config, node);
    return seeder.run().eventually(() -> {
      seeder.api.close();
      return Future.succeededFuture();
    });
  }

  private Future<Report> run() {
    return node.database().query("SELECT id FROM users LIMIT 1", Tuple.tuple()).compose(rows -> {
      if (rows.size() > 0) {
        log.info("demo: the database already has users; no demo content added");
        return Future.succeededFuture(new Report(false, 0, 0, 0, 0, 0, 0));
      }
      log.info("demo: seeding users, videos (generated with FFmpeg), likes, comments, follows and chats");
      return vertx.executeBlocking(DemoSeeder::content, false).compose(this::seed);
    });
  }

  private Future<Report> seed(JsonObject content) {
    Path dataDir = Path.of(config.string(Setting.DATA_DIR)).toAbsolutePath();
    List<JsonObject> videos = objects(content.getJsonArray("videos"));
    return vertx.executeBlocking(() -> Files.createTempDirectory(dataDir, "demo-clips"), false)
        .compose(clips -> clips(videos, clips)
            .compose(files -> register(strings(content.getJsonArray("users")))
                .compose(v -> sequence(videos, video -> publish(video, files.get(video.getString("title")))))
                .compose(v -> findVideoIds())
                .compose(v -> social(content))
                .compose(report -> writeAccounts(dataDir).map(report)))
            .eventually(() -> vertx.executeBlocking(() -> deleteTree(clips), false)));
  }

  /** Draws the clips on worker threads, all at once (each is a few seconds of one core). */
  private Future<Map<String, Path>> clips(List<JsonObject> videos, Path dir) {
    List<Future<Path>> drawn = videos.stream().map(video -> vertx.executeBlocking(() -> DemoClips.write(
        new DemoClips.Spec(video.getInteger("width"), video.getInteger("height"), video.getInteger("seconds"),
            video.getFloat("hue"), video.getString("text")),
        dir.resolve("clip-" + videos.indexOf(video) + ".mp4")), false)).toList();
    return Future.all(drawn).map(all -> {
      Map<String, Path> files = new LinkedHashMap<>();
      for (int i = 0; i < videos.size(); i++) {
        files.put(videos.get(i).getString("title"), drawn.get(i).result());
      }
      return files;
    });
  }

  private Future<Void> register(List<String> names) {
    SecureRandom random = new SecureRandom();
    return sequence(names, name -> {
      byte[] secret = new byte[12];
      random.nextBytes(secret);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      return api.post("/douyin/user/register/", "username", name, "password", password)
          .map(r -> accounts.put(name, new Account(name, password, r.getLong("user_id"), r.getString("token"))));
    });
  }

  private Future<JsonObject> publish(JsonObject video, Path clip) {
    return api.publish(account(video.getString("author")).token(), video.getString("title"), clip);
  }

  /** The ids of the published videos, from each author's publish list. */
  private Future<Void> findVideoIds() {
    return sequence(List.copyOf(accounts.values()), author -> api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()))
        .map(list -> {
          objects(list.getJsonArray("video_list")).forEach(v -> videoIds.put(v.getString("title"), v.getLong("id")));
          return list;
        }));
  }

  private Future<Report> social(JsonObject content) {
    JsonObject likes = content.getJsonObject("likes");
    List<String[]> likePairs = new ArrayList<>();
    likes.fieldNames().forEach(title -> strings(likes.getJsonArray(title)).forEach(name -> likePairs.add(new String[] {title, name})));
    List<JsonArray> comments = arrays(content.getJsonArray("comments"));
    List<JsonArray> follows = arrays(content.getJsonArray("follows"));
    List<JsonArray> chats = arrays(content.getJsonArray("chats"));
    return sequence(likePairs, like -> api.post("/douyin/favorite/action/", "token", account(like[1]).token(),
            "video_id", videoId(like[0]), "action_type", "1"))
        .compose(v -> sequence(comments, c -> api.post("/douyin/comment/action/", "token", account(c.getString(1)).token(),
            "video_id", videoId(c.getString(0)), "action_type", "1", "comment_text", c.getString(2))))
        .compose(v -> sequence(follows, f -> api.post("/douyin/relation/action/", "token", account(f.getString(0)).token(),
            "to_user_id", Long.toString(account(f.getString(1)).id()), "action_type", "1")))
        .compose(v -> sequence(chats, m -> api.post("/douyin/message/action/", "token", account(m.getString(0)).token(),
            "to_user_id", Long.toString(account(m.getString(1)).id()), "action_type", "1", "content", m.getString(2))))
        .map(v -> {
          Report report = new Report(true, accounts.size(), videoIds.size(), likePairs.size(), comments.size(),
              follows.size(), chats.size());
          log.info("demo: ready with {} users, {} videos, {} likes, {} comments, {} follows and {} messages; "
                  + "the demo users' passwords are in {}", report.users(), report.videos(), report.likes(),
              report.comments(), report.follows(), report.messages(), ACCOUNTS_FILE + " in the data directory");
          return report;
        });
  }

  /** {@code name password} per line, in a file only its owner may read. */
  private Future<Void> writeAccounts(Path dataDir) {
    StringBuilder text = new StringBuilder("# Vertok demo accounts: username password\n");
    accounts.values().forEach(a -> text.append(a.name()).append(' ').append(a.password()).append('\n'));
    Path file = dataDir.resolve(ACCOUNTS_FILE);
    return vertx.executeBlocking(() -> {
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system
      }
      return Files.writeString(file, text);
    }, false).mapEmpty();
  }

  private Account account(String name) {
    Account account = accounts.get(name);
    if (account == null) {
      throw new IllegalStateException(CONTENT + " names an unknown user '" + name + "'");
    }
    return account;
  }

  private String videoId(String title) {
    Long id = videoIds.get(title);
    if (id == null) {
      throw new IllegalStateException(CONTENT + " names an unknown video '" + title + "'");
    }
    return Long.toString(id);
  }

  /** Runs {@code step} for each item, one after another; fails at the first failure. */
  private static <T> Future<Void> sequence(List<T> items, Function<T, Future<?>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (T item : items) {
      chain = chain.compose(v -> step.apply(item).mapEmpty());
    }
    return chain;
  }

  private static JsonObject content() throws IOException {
    try (InputStream in = DemoSeeder.class.getClassLoader().getResourceAsStream(CONTENT)) {
      if (in == null) {
        throw new IOException(CONTENT + " is missing from the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static Void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      log.warn("demo: could not remove the generated clips in {}: {}", dir, e.toString());
    }
    return null;
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
  }

  private static List<JsonArray> arrays(JsonArray array) {
    return array.stream().map(JsonArray.class::cast).toList();
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String.class::cast).toList();
  }
}
