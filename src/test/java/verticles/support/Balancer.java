package verticles.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load balancer as operators put in front of gateways, small: round-robin over the backends
 * whose {@code GET /ready} answered 200 at its last poll (every {@link #POLL_MS}), each request
 * sent once, never retried (a backend's failure is the client's); a backend that does not answer
 * its poll, or answers anything but 200, is out of rotation until it answers 200 again. Counts
 * the requests sent to each backend.
 */
public final class Balancer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Balancer.class);
  /** How often each backend's readiness is polled. */
  public static final long POLL_MS = 200;
  /** As the Kubernetes manifests give the readiness probe: a busy test machine answers slowly. */
  private static final long POLL_TIMEOUT_MS = 5000;
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "content-length",
      "upgrade", "te", "trailer", "proxy-connection");

  private final Vertx vertx;
  private final List<Integer> backends;
  private final Map<Integer, Boolean> ready = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> sent = new ConcurrentHashMap<>();
  private final Set<Integer> polling = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  private final HttpClient proxied;
  private final HttpClient probes;
  private final long poller;
  private HttpServer server;

  private Balancer(Vertx vertx, List<Integer> backends, int connections) {
    this.vertx = vertx;
    this.backends = List.copyOf(backends);
    backends.forEach(port -> sent.put(port, new AtomicLong()));
    this.proxied = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1"),
        new PoolOptions().setHttp1MaxSize(connections));
    this.probes = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1"), new PoolOptions());
    this.poller = vertx.setPeriodic(POLL_MS, id -> this.backends.forEach(this::poll));
  }

  /** A balancer on a free port of 127.0.0.1 in front of the gateways on {@code backends}. */
  public static Balancer start(Vertx vertx, List<Integer> backends, int connections) throws Exception {
    Balancer balancer = new Balancer(vertx, backends, connections);
    balancer.server = vertx.createHttpServer().requestHandler(balancer::forward)
        .listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
    return balancer;
  }

  public int port() {
    return server.actualPort();
  }

  /** Whether {@code backend} is in rotation (its last poll answered 200). */
  public boolean inRotation(int backend) {
    return ready.getOrDefault(backend, false);
  }

  /** Requests sent to {@code backend} so far. */
  public long sent(int backend) {
    return sent.get(backend).get();
  }

  private void poll(int backend) {
    if (!polling.add(backend)) {
      return;
    }
    probes.request(new RequestOptions().setPort(backend).setURI("/ready").setMethod(HttpMethod.GET)
            .setIdleTimeout(POLL_TIMEOUT_MS).setConnectTimeout(POLL_TIMEOUT_MS))
        .compose(request -> request.send().compose(response -> response.body()
            .map(body -> response.statusCode() == 200 ? null : response.statusCode() + " " + body)))
        .onComplete(answer -> {
          String notReady = answer.succeeded() ? answer.result() : answer.cause().toString();
          Boolean was = ready.put(backend, notReady == null);
          if (was == null || was != (notReady == null)) {
            log.info("backend {} {}", backend, notReady == null ? "in rotation" : "out of rotation: " + notReady);
          }
          polling.remove(backend);
        });
  }

  private void forward(HttpServerRequest in) {
    Integer backend = choose();
    if (backend == null) {
      in.response().setStatusCode(503).end(new JsonObject().put("status_code", 503)
          .put("status_msg", "the balancer has no ready backend").toBuffer());
      return;
    }
    sent.get(backend).incrementAndGet();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    in.headers().forEach(h -> {
      if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
        headers.add(h.getKey(), h.getValue());
      }
    });
    in.body().compose(body -> proxied.request(new RequestOptions().setPort(backend).setMethod(in.method())
            .setURI(in.uri()).setHeaders(headers))
        .compose(out -> out.send(body))
        .compose(response -> response.body().map(answer -> {
          relay(in, response);
          return answer;
        })))
        .onComplete(answer -> {
          if (answer.succeeded()) {
            in.response().end(answer.result());
          } else {
            in.response().setStatusCode(502).end(new JsonObject().put("status_code", 502)
                .put("status_msg", "backend " + backend + ": " + answer.cause()).toBuffer());
          }
        });
  }

  private static void relay(HttpServerRequest in, HttpClientResponse response) {
    in.response().setStatusCode(response.statusCode());
    response.headers().forEach(h -> {
      if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
        in.response().headers().add(h.getKey(), h.getValue());
      }
    });
  }

  /** The next backend in rotation, round-robin; null when none is. */
  private Integer choose() {
    for (int i = 0; i < backends.size(); i++) {
      int backend = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
      if (inRotation(backend)) {
        return backend;
      }
    }
    return null;
  }

  @Override
  public void close() throws Exception {
    vertx.cancelTimer(poller);
    Future.join(server.close(), proxied.close(), probes.close()).await(30, TimeUnit.SECONDS);
  }
}
