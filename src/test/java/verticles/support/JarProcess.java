package verticles.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/vertok.jar} in a child JVM, as an operator runs it, with the
 * environment given and its output captured to a file.
 */
public final class JarProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  private JarProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  public static JarProcess start(Map<String, String> env, String... args) {
    String jar = System.getProperty("vertok.jar", "target/vertok.jar");
    if (!Files.exists(Path.of(jar))) {
      throw new IllegalStateException(jar + " is missing: integration tests run after `package`");
    }
    try {
      Path output = Files.createTempFile("vertok-jar", ".log");
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.add("-Xmx512m");
      command.add("-jar");
      command.add(jar);
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("VERTOK_"));
      // Several nodes run side by side in tests: no metrics listener on the default port unless asked.
      builder.environment().put("VERTOK_METRICS_PORT", "0");
      // As in TestApp's settings: the tests load a node from one address; the rate-limit tests turn them on.
      builder.environment().put("VERTOK_RATE_LIMITS", "false");
      builder.environment().putAll(env);
      return new JarProcess(builder.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} to the process's standard input and closes it. */
  public void input(String text) {
    try (var in = process.getOutputStream()) {
      in.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to exit on its own and returns its exit code. */
  public int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the server did not exit within " + seconds + " s:\n" + output());
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the server at once (SIGKILL: no shutdown hook, no flush) and waits for it to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the server survived SIGKILL for 30 s");
    }
  }

  /** Sends SIGTERM (a graceful stop) and returns the exit code, waiting up to {@code seconds}. */
  public int terminate(long seconds) throws InterruptedException {
    process.destroy();
    return waitForExit(seconds);
  }

  /** Stops the server as an operator does (SIGTERM) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
