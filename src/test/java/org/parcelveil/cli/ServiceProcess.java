package org.parcelveil.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged service as a separate process, started the way the README starts it. */
public final class ServiceProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");
  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private volatile int port = -1;

  private ServiceProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          output.add(line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port = Integer.parseInt(m.group(1));
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "service-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Runs {@code java -jar parcelveil.jar args...} with stderr merged into stdout. */
  public static ServiceProcess start(Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", jar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("PARCELVEIL_MASTER_KEY");
    pb.environment().putAll(env);
    return new ServiceProcess(pb.start());
  }

  public static Path jar() {
    return Path.of(System.getProperty("pv.jar", "target/parcelveil.jar"));
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Waits until the service says where it listens; fails if it exits first. */
  public int awaitPort(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (port < 0 && System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException("service exited with " + process.exitValue() + ": " + output);
      }
      Thread.sleep(50);
    }
    if (port < 0) {
      throw new IllegalStateException("service did not start in time: " + output);
    }
    return port;
  }

  /** Waits for the process to end and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("process did not exit: " + output);
    }
    Thread.sleep(100); // let the reader drain
    return process.exitValue();
  }

  public List<String> output() {
    return List.copyOf(output);
  }

  public long pid() {
    return process.pid();
  }

  /** kill -9: no shutdown hook, no flush. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
