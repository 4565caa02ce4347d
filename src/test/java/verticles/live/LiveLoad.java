package verticles.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Promise;
import io.vertx.ext.web.multipart.MultipartForm;
import verticles.support.Api;
import verticles.support.Clips;
import verticles.support.Users;
import verticles.support.Users.Account;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load client of bench/live.sh (not a test): real WebSocket clients against running nodes.
 *
 * <pre>
 * push PORTS WATCHERS OTHERS SECONDS PIDS   WATCHERS sockets watch one video, split across the
 *                                           nodes of PORTS (comma-separated), OTHERS watch other
 *                                           videos; a danmaku every 100 ms, posted on the nodes in
 *                                           turn, for SECONDS: delivery latency, losses, heap growth
 *                                           and registrations of each node (PIDS, same order)
 * idle PORT SOCKETS PID                     SOCKETS idle sockets on one node: its RSS per socket
 * </pre>
 */
public final class LiveLoad {
  private static final int PER_USER = 8;
  private static final int POSTERS = 40;
  private static final long POST_EVERY_MS = 100;

  private LiveLoad() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      if (args[0].equals("push")) {
        push(vertx, ports(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
            Arrays.stream(args[5].split(",")).map(Long::parseLong).toList());
      } else {
        idle(vertx, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
      }
    } finally {
      vertx.close().await();
    }
  }

  private static List<Integer> ports(String list) {
    return Arrays.stream(list.split(",")).map(Integer::parseInt).toList();
  }

  /** A socket of the load: what it received. */
  private static final class Viewer {
    final Set<Long> seen = ConcurrentHashMap.newKeySet();
    volatile boolean closed;
  }

  private static void push(Vertx vertx, List<Integer> ports, int watchers, int others, int seconds, List<Long> pids)
      throws IOException, InterruptedException {
    Api api = new Api(vertx, ports.get(0));
    List<Account> users = register(api, (watchers + others + PER_USER - 1) / PER_USER + POSTERS);
    List<Account> posters = users.subList(users.size() - POSTERS, users.size());
    long videoId = publish(api, users.get(0));
    // The other sockets watch videos that exist (a socket may watch only those), two of them.
    List<Long> otherVideos = List.of(publish(api, users.get(1)), publish(api, users.get(2)));
    List<JsonObject> before = health(vertx, ports);

    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    // The latency cut in two at the danmaku's create_time (the comment domain's clock, the same
    // machine's): the post's request up to it, and the commit, the events and the push after it.
    ConcurrentLinkedQueue<Long> toCreated = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> fromCreated = new ConcurrentLinkedQueue<>();
    AtomicLong strays = new AtomicLong();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(watchers + others + 16));
    List<Viewer> viewers = new ArrayList<>();
    List<Viewer> elsewhere = new ArrayList<>();
    List<Future<?>> opening = new ArrayList<>();
    for (int i = 0; i < watchers + others; i++) {
      boolean watching = i < watchers;
      Viewer viewer = new Viewer();
      (watching ? viewers : elsewhere).add(viewer);
      long watched = watching ? videoId : otherVideos.get(i % otherVideos.size());
      opening.add(open(client, ports.get(i % ports.size()), users.get(i / PER_USER).token(), watched, viewer, event -> {
        if (!event.getString("type").equals("danmaku")) {
          return;
        }
        if (!watching) {
          strays.incrementAndGet();
          return;
        }
        long now = System.currentTimeMillis();
        JsonObject danmaku = event.getJsonObject("danmaku");
        String[] parts = danmaku.getString("content").split(" ");
        long posted = Long.parseLong(parts[2]);
        long created = danmaku.getLong("create_time");
        viewer.seen.add(Long.parseLong(parts[1]));
        latencies.add(now - posted);
        toCreated.add(created - posted);
        fromCreated.add(now - created);
      }));
      if (opening.size() == 100) {
        Future.all(opening).await();
        opening.clear();
      }
    }
    Future.all(opening).await();
    System.out.printf("%d sockets watch video %d across %d nodes, %d watch other videos%n", watchers, videoId, ports.size(), others);
    List<JsonObject> opened = health(vertx, ports);
    List<Long> heapBefore = pids.stream().map(LiveLoad::heapKb).toList();

    List<Api> apis = ports.stream().map(p -> new Api(vertx, p)).toList();
    Set<Long> accepted = ConcurrentHashMap.newKeySet();
    AtomicInteger refused = new AtomicInteger();
    AtomicLong seq = new AtomicLong();
    long timer = vertx.setPeriodic(POST_EVERY_MS, id -> {
      long n = seq.getAndIncrement();
      Api on = apis.get((int) (n % apis.size()));
      on.client().post("/douyin/danmaku/action/").sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
              .add("token", posters.get((int) (n % POSTERS)).token()).add("video_id", Long.toString(videoId))
              .add("content", "b " + n + " " + System.currentTimeMillis()).add("progress_ms", "0"))
          .onComplete(done -> {
            if (done.succeeded() && done.result().bodyAsJsonObject().getInteger("status_code") == 0) {
              accepted.add(n);
            } else {
              refused.incrementAndGet();
            }
          });
    });
    ConcurrentLinkedQueue<Long> lateBy = new ConcurrentLinkedQueue<>();
    List<ScheduledFuture<?>> probes = lagProbes(vertx, lateBy);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      Thread.sleep(200);
    }
    vertx.cancelTimer(timer);
    probes.forEach(probe -> probe.cancel(false));
    // Stragglers: until every connected viewer has every accepted post, or 10 s.
    long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < settle && viewers.stream().anyMatch(v -> !v.closed && !v.seen.containsAll(accepted))) {
      Thread.sleep(50);
    }
    long connected = viewers.stream().filter(v -> !v.closed).count();
    long lost = viewers.stream().filter(v -> !v.closed).mapToLong(v -> accepted.stream().filter(n -> !v.seen.contains(n)).count()).sum();
    List<Long> sorted = latencies.stream().sorted().toList();
    System.out.printf("posts: %d accepted, %d refused; deliveries: %d to %d connected watchers (%d closed)%n",
        accepted.size(), refused.get(), sorted.size(), connected, viewers.size() - connected);
    System.out.printf("latency post->receipt: p50 %d ms  p99 %d ms  max %d ms%n",
        percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
    List<Long> toSorted = toCreated.stream().sorted().toList();
    List<Long> fromSorted = fromCreated.stream().sorted().toList();
    List<Long> lags = lateBy.stream().sorted().toList();
    System.out.printf("  of which post->create_time: p50 %d ms  p99 %d ms; create_time->receipt: p50 %d ms  p99 %d ms%n",
        percentile(toSorted, 0.50), percentile(toSorted, 0.99), percentile(fromSorted, 0.50), percentile(fromSorted, 0.99));
    System.out.printf("load client's event loops, late by (a 10 ms timer on each): p50 %d ms  p99 %d ms  max %d ms%n",
        percentile(lags, 0.50), percentile(lags, 0.99), lags.isEmpty() ? -1 : lags.get(lags.size() - 1));
    System.out.printf("lost: %d (of %d expected)   danmaku to viewers of other videos: %d%n",
        lost, accepted.size() * connected, strays.get());
    List<JsonObject> after = health(vertx, ports);
    for (int i = 0; i < ports.size(); i++) {
      JsonObject b = before.get(i);
      JsonObject a = after.get(i);
      System.out.printf("node %d: heap after GC, sockets open, before and after the posts: %d -> %d MB; registrations held: "
              + "video %d, user %d (made while the sockets opened: %d, during the posts: %d); sent %d, dropped %d, closed slow %d%n",
          ports.get(i), heapBefore.get(i) / 1024, heapKb(pids.get(i)) / 1024,
          a.getLong("video_registrations"), a.getLong("user_registrations"),
          opened.get(i).getLong("registrations_made") - b.getLong("registrations_made"),
          a.getLong("registrations_made") - opened.get(i).getLong("registrations_made"), a.getLong("sent"), a.getLong("dropped"),
          a.getLong("closed_slow"));
    }
  }

  /** A 10 ms task on each of the client's event loops, recording how late each run comes: how busy the client itself is. */
  private static List<ScheduledFuture<?>> lagProbes(Vertx vertx, ConcurrentLinkedQueue<Long> lateBy) {
    List<ScheduledFuture<?>> probes = new ArrayList<>();
    for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      long[] due = {System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10)};
      probes.add(loop.scheduleWithFixedDelay(() -> {
        long now = System.nanoTime();
        lateBy.add(Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - due[0])));
        due[0] = now + TimeUnit.MILLISECONDS.toNanos(10);
      }, 10, 10, TimeUnit.MILLISECONDS));
    }
    return probes;
  }

  private static void idle(Vertx vertx, int port, int sockets, long pid) throws Exception {
    Api api = new Api(vertx, port);
    List<Account> users = register(api, (sockets + PER_USER - 1) / PER_USER);
    long rssBefore = rssKb(pid);
    long heapBefore = heapKb(pid);
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(sockets + 16));
    List<Future<?>> opening = new ArrayList<>();
    List<Viewer> viewers = new ArrayList<>();
    for (int i = 0; i < sockets; i++) {
      Viewer viewer = new Viewer();
      viewers.add(viewer);
      opening.add(open(client, port, users.get(i / PER_USER).token(), 0, viewer, event -> { }));
      if (opening.size() == 100) {
        Future.all(opening).await();
        opening.clear();
      }
    }
    Future.all(opening).await();
    long rssAfter = rssKb(pid);
    long heapAfter = heapKb(pid);
    long open = viewers.stream().filter(v -> !v.closed).count();
    System.out.printf("%d idle sockets (%d users): RSS %d -> %d MB, %.1f KiB per socket; heap after GC %d -> %d MB, %.1f KiB per socket%n",
        open, users.size(), rssBefore / 1024, rssAfter / 1024, (rssAfter - rssBefore) / (double) open,
        heapBefore / 1024, heapAfter / 1024, (heapAfter - heapBefore) / (double) open);
  }

  /** Opens a socket, waits for ready, and watches {@code videoId} (0: none). */
  private static Future<Void> open(WebSocketClient client, int port, String token, long videoId, Viewer viewer,
                                   io.vertx.core.Handler<JsonObject> pushes) {
    Promise<Void> ready = Promise.promise();
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/douyin/live/?token=" + token))
        .compose(ws -> {
          ws.closeHandler(v -> viewer.closed = true);
          // Each push decoded once: the client shares the 2 cores with the nodes it measures.
          ws.textMessageHandler(text -> {
            JsonObject event = new JsonObject(text);
            String type = event.getString("type");
            if (type.equals("ready")) {
              if (videoId == 0) {
                ready.tryComplete();
              } else {
                ws.writeTextMessage(new JsonObject().put("op", "watch").put("video_id", videoId).encode());
              }
            } else if (type.equals("watching")) {
              ready.tryComplete();
            } else {
              pushes.handle(event);
            }
          });
          return ready.future();
        });
  }

  private static List<Account> register(Api api, int n) {
    List<Account> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      users.add(Users.register(api, "live_load"));
    }
    return users;
  }

  private static long publish(Api api, Account author) throws IOException {
    Path clip = Clips.mp4(Files.createTempDirectory("live-load").resolve("clip.mp4"), 5);
    Api.Reply published = api.postMultipart("/douyin/publish/action/", MultipartForm.create()
        .attribute("token", author.token()).attribute("title", "live load")
        .binaryFileUpload("data", "clip.mp4", clip.toString(), "video/mp4"));
    if (published.code() != 0) {
      throw new IllegalStateException("publish failed: " + published);
    }
    return api.get("/douyin/publish/list/", "user_id", Long.toString(author.id()))
        .body().getJsonArray("video_list").getJsonObject(0).getLong("id");
  }

  private static List<JsonObject> health(Vertx vertx, List<Integer> ports) {
    return ports.stream().map(p -> new Api(vertx, p).get("/health").body().getJsonObject("live")).toList();
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
  }

  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  /** The server's heap in use right after a full GC (jcmd), in KiB. */
  private static long heapKb(long pid) {
    try {
      run("jcmd", Long.toString(pid), "GC.run");
      String[] lines = run("jstat", "-gc", Long.toString(pid)).split("\n");
      String[] names = lines[0].trim().split("\\s+");
      String[] values = lines[1].trim().split("\\s+");
      double used = 0;
      for (int i = 0; i < names.length; i++) {
        if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
          used += Double.parseDouble(values[i]);
        }
      }
      return (long) used;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }
}
