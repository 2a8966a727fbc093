package org.parcelveil.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.bench.Machine;
import org.parcelveil.tracking.ResultsSection;

/**
 * Measures the embedded store against the engines it could have been: the embedded PostgreSQL as the service runs
 * it, SQLite (WAL, synchronous=FULL, secure_delete) and hardened H2, each on new temporary directories and each
 * measurement in a new JVM ({@link EngineRun}). Start-up, memory, durable commit rates, the durability in force (with
 * the sync calls counted under strace where it is installed), erasure, growth under updates, and listeners.
 * Usage: {@code bench/engines [postgres,sqlite,h2] [seconds per rate]}; writes docs/benchmarks/store-engines.md.
 */
public final class EngineComparison {
  static final int STARTS = 3;
  static final int STRACE_COMMITS = 300;
  static final String CHILD_HEAP = "512m";
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineComparison() {}

  /** What one engine's runs returned. */
  record Measured(String engine, List<JsonNode> newStarts, List<JsonNode> existingStarts, JsonNode coldCache,
      JsonNode run, double[] syncCalls) {}

  public static void main(String[] args) throws Exception {
    List<String> engines = args.length > 0 ? Arrays.asList(args[0].split(",")) : Engine.NAMES;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String loadBefore = ResultsSection.loadAverage();
    long t0 = System.nanoTime();
    boolean strace = Files.isExecutable(Path.of("/usr/bin/strace"));
    List<Measured> results = new ArrayList<>();
    for (String engine : engines) {
      results.add(measure(engine, seconds, strace));
    }
    String report = EngineReport.write(results, seconds, strace, loadBefore, ResultsSection.loadAverage(),
        (System.nanoTime() - t0) / 1e9, Machine.describe());
    System.out.println(report);
    if (engines.equals(Engine.NAMES)) {
      ResultsSection.write(Path.of("docs/benchmarks/store-engines.md"), "engines", report);
    }
  }

  static Measured measure(String engine, int seconds, boolean strace) throws Exception {
    System.err.println("== " + engine);
    List<JsonNode> fresh = new ArrayList<>();
    List<JsonNode> existing = new ArrayList<>();
    for (int i = 0; i < STARTS; i++) {
      Path dir = Files.createTempDirectory("pv-engine-");
      try {
        fresh.add(child(List.of("start", engine, dir.resolve("data").toString()), Map.of(), null));
        existing.add(child(List.of("start", engine, dir.resolve("data").toString()), Map.of(), null));
      } finally {
        PrivateFiles.deleteTree(dir);
      }
    }
    JsonNode cold = null;
    if (engine.equals("postgres")) {
      // The first start on a machine also unpacks the server binaries into the cache.
      Path dir = Files.createTempDirectory("pv-engine-");
      try {
        cold = child(List.of("start", engine, dir.resolve("data").toString()),
            Map.of("PARCELVEIL_ENGINE_CACHE", dir.resolve("cache").toString()), null);
      } finally {
        PrivateFiles.deleteTree(dir);
      }
    }
    JsonNode run;
    Path dir = Files.createTempDirectory("pv-engine-");
    try {
      run = child(List.of("run", engine, dir.resolve("a").toString(), dir.resolve("b").toString(),
          dir.resolve("c").toString(), Integer.toString(seconds)), Map.of(), null);
    } finally {
      PrivateFiles.deleteTree(dir);
    }
    double[] sync = strace ? syncCallsPerCommit(engine) : null;
    return new Measured(engine, fresh, existing, cold, run, sync);
  }

  /**
   * fsync-family calls per single-row commit, from every thread and child process: the same program run with 0 and
   * with {@value #STRACE_COMMITS} commits under {@code strace -f -c}, the difference divided by the commits. Returns
   * {fsync, fdatasync, all sync calls}.
   */
  static double[] syncCallsPerCommit(String engine) throws Exception {
    Map<String, Long> none = null;
    Map<String, Long> some = null;
    for (int n : new int[] {0, STRACE_COMMITS}) {
      Path dir = Files.createTempDirectory("pv-engine-");
      try {
        Path out = dir.resolve("strace.txt");
        child(List.of("commits", engine, dir.resolve("data").toString(), Integer.toString(n)), Map.of(),
            List.of("/usr/bin/strace", "-f", "-c", "-o", out.toString(),
                "-e", "trace=fsync,fdatasync,sync_file_range,msync,syncfs,sync"));
        Map<String, Long> counts = straceCounts(Files.readAllLines(out));
        if (n == 0) {
          none = counts;
        } else {
          some = counts;
        }
      } finally {
        PrivateFiles.deleteTree(dir);
      }
    }
    double fsync = (some.getOrDefault("fsync", 0L) - none.getOrDefault("fsync", 0L)) / (double) STRACE_COMMITS;
    double fdatasync = (some.getOrDefault("fdatasync", 0L) - none.getOrDefault("fdatasync", 0L))
        / (double) STRACE_COMMITS;
    double all = (some.getOrDefault("total", 0L) - none.getOrDefault("total", 0L)) / (double) STRACE_COMMITS;
    return new double[] {fsync, fdatasync, all};
  }

  /** The calls column of {@code strace -c}'s table, by system call name, and its total. */
  static Map<String, Long> straceCounts(List<String> lines) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 5 && f[0].matches("[0-9.]+") && f[3].matches("[0-9]+")) {
        counts.put(f[f.length - 1], Long.parseLong(f[3]));
      }
    }
    return counts;
  }

  /** Runs {@link EngineRun} in a new JVM (under {@code wrapper} if given) and returns its result line. */
  static JsonNode child(List<String> args, Map<String, String> env, List<String> wrapper) throws Exception {
    List<String> command = new ArrayList<>();
    if (wrapper != null) {
      command.addAll(wrapper);
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // A heap of fixed size, touched up front, so that the resident memory a run adds is the engine's native memory
    // and not the heap growing; the heap's share is measured apart, as live objects after a collection.
    command.addAll(List.of("-Xms" + CHILD_HEAP, "-Xmx" + CHILD_HEAP, "-XX:+AlwaysPreTouch",
        "-cp", System.getProperty("java.class.path"), EngineRun.class.getName()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(env);
    long started = System.nanoTime();
    Process p = pb.start();
    JsonNode result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(EngineRun.RESULT)) {
          result = JSON.readTree(line.substring(EngineRun.RESULT.length()));
        } else {
          System.err.println(line);
        }
      }
    }
    int exit = p.waitFor();
    if (exit != 0 || result == null) {
      throw new IOException("engine run " + args + " failed (exit " + exit + ")");
    }
    System.err.printf("%s %s (%.0f s): %s%n", args.get(0), args.get(1), (System.nanoTime() - started) / 1e9, result);
    return result;
  }
}
