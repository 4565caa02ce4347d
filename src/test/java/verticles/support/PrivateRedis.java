package verticles.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of a test's own (the installed {@code redis-server}, run directly) on a free
 * port, keeping nothing on disk, for tests that stop, restart, pause and resume it without
 * touching the machine's shared one. {@link #pause} and {@link #resume} are SIGSTOP and SIGCONT:
 * the paused server keeps its connections and its keys, and answers nothing until resumed.
 */
public final class PrivateRedis implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/bin/redis-server");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final int port;
  private Process process;

  private PrivateRedis(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts a new server on a free port and waits until it accepts connections. */
  public static PrivateRedis start() {
    try {
      PrivateRedis redis = new PrivateRedis(Files.createTempDirectory("vertok-redis"), TestApp.freePort());
      redis.launch();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Starts it again after {@link #stop}: an empty server on the same port. */
  public void launch() {
    ProcessBuilder builder = new ProcessBuilder(SERVER.toString(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Poll.until("the private Redis port", START_TIMEOUT, () -> {
      if (!process.isAlive()) {
        throw new AssertionError("the private Redis exited; see " + dir.resolve("server.out"));
      }
      return portOpen();
    });
  }

  /** Stops it (SIGTERM) and waits until its port is closed: its keys are gone. */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the private Redis did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    Poll.until("the stopped Redis port to close", Duration.ofSeconds(30), () -> !portOpen());
  }

  /** SIGSTOP: the process keeps its port, connections and keys, and answers nothing. */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause}: it answers again, with the keys it had. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      resume();
      process.destroyForcibly();
    }
  }

  private boolean portOpen() {
    return TestApp.portOpen(port);
  }
}
