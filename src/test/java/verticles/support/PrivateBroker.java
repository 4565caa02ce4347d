package verticles.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ broker of a test's own, on free ports with its data in a temporary directory (the
 * installed package's server, run directly), for tests that stop, restart and kill it without
 * touching the machine's shared broker. Its queues and messages survive a restart like a real one's.
 */
public final class PrivateBroker implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
  private static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final String node;
  private final int port;
  private final int distPort;
  private Process process;

  private PrivateBroker(Path dir, int port, int distPort) {
    this.dir = dir;
    this.node = "vertok_" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    this.port = port;
    this.distPort = distPort;
  }

  /** Starts a new broker on free ports and waits until its AMQP port accepts connections. */
  public static PrivateBroker start() {
    return start(TestApp.freePort(), TestApp.freePort());
  }

  /** Starts a new broker with AMQP on {@code port} and Erlang distribution on {@code distPort}. */
  public static PrivateBroker start(int port, int distPort) {
    try {
      Path dir = Files.createTempDirectory("vertok-broker");
      Files.writeString(dir.resolve("enabled_plugins"), "[].");
      Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
      PrivateBroker broker = new PrivateBroker(dir, port, distPort);
      // The installed configuration names the shared broker's listener: this one has its own.
      Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + broker.port + "\n");
      broker.launch();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "amqp://guest:guest@127.0.0.1:" + port;
  }

  /** Starts it again (after {@link #stop} or {@link #kill}), with the same data. */
  public void launch() {
    ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.out").toFile());
    environment(builder.environment());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Poll.until("the private broker's AMQP port", START_TIMEOUT, () -> {
      if (!process.isAlive()) {
        throw new AssertionError("the private broker exited; see " + dir.resolve("server.out"));
      }
      return portOpen();
    });
  }

  /** A clean shutdown, as an operator's restart does. */
  public void stop() {
    try {
      ProcessBuilder builder = new ProcessBuilder(CTL.toString(), "-n", node, "stop").redirectErrorStream(true)
          .redirectOutput(dir.resolve("ctl.out").toFile());
      environment(builder.environment());
      if (!builder.start().waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("rabbitmqctl stop did not return");
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the private broker did not stop");
      }
      Poll.until("the stopped broker's port to close", Duration.ofSeconds(30), () -> !portOpen());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** SIGKILL to the broker's Erlang VM (and its children): no goodbye to clients, nothing flushed. */
  public void kill() {
    List<ProcessHandle> vms = new ArrayList<>(process.toHandle().descendants().toList());
    vms.add(process.toHandle());
    try {
      ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("pid")).trim())).ifPresent(vms::add);
    } catch (IOException | NumberFormatException e) {
      // No pid file yet: the descendants are the VM.
    }
    vms.forEach(ProcessHandle::destroyForcibly);
    Poll.until("the killed broker to be gone", Duration.ofSeconds(30),
        () -> vms.stream().noneMatch(ProcessHandle::isAlive) && !portOpen());
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private boolean portOpen() {
    return TestApp.portOpen(port);
  }

  private void environment(Map<String, String> env) {
    env.put("HOME", dir.toString());
    env.put("RABBITMQ_NODENAME", node);
    env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
    env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
    env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
    env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
    env.put("RABBITMQ_PID_FILE", dir.resolve("pid").toString());
    env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
  }
}
