package org.parcelveil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** A line describing the machine a benchmark ran on: date, cores, CPU model, JVM. */
public final class Machine {
  private Machine() {}

  public static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (Exception ignored) {
      // not Linux
    }
    return "Run " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap, Java " + System.getProperty("java.version") + ".\n";
  }
}
