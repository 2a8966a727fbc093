package org.parcelveil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU seconds used so far by processes, read from {@code /proc}: a service's JVM (every thread), and a PostgreSQL
 * server as its postmaster with its live children and every child it has reaped, so that backends which ended during
 * a measurement (Citus opens and closes connections between nodes) still count.
 */
final class ProcessCpu {
  private static final double TICKS = 100.0; // USER_HZ: 100 on Linux x86-64

  private ProcessCpu() {}

  /** CPU seconds of {@code pid} itself (all its threads). */
  static double of(long pid) {
    long[] f = fields(pid);
    return (f[0] + f[1]) / TICKS;
  }

  /** CPU seconds of the servers whose postmasters are {@code postmasters}, their children live and reaped. */
  static double servers(List<Long> postmasters) {
    double total = 0;
    for (long pm : postmasters) {
      long[] f = fields(pm);
      total += (f[0] + f[1] + f[2] + f[3]) / TICKS;
      for (ProcessHandle child : ProcessHandle.of(pm).map(p -> p.children().toList()).orElse(List.of())) {
        long[] c = fields(child.pid());
        total += (c[0] + c[1]) / TICKS;
      }
    }
    return total;
  }

  /** utime, stime, cutime, cstime of {@code pid} (zeros once it is gone). */
  private static long[] fields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name (field 2) may hold spaces: count from the closing parenthesis; utime is field 14.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (IOException | RuntimeException e) {
      return new long[4];
    }
  }
}
