package org.parcelveil.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * CPU time spent by this JVM and by the PostgreSQL server's processes (its backends and background writers), read
 * before and after a measurement. On a shared machine a rate says as much about the neighbours as about the code;
 * CPU time per unit of work does not, so it explains a ratio where the rates alone cannot.
 */
final class CpuMeter {
  private final List<ProcessHandle> database;

  private CpuMeter(List<ProcessHandle> database) {
    this.database = database;
  }

  /** A meter for this JVM and, if {@code postgres}, the server behind {@code ds} (asked for its process ids). */
  static CpuMeter of(DataSource ds, boolean postgres) throws SQLException {
    List<ProcessHandle> processes = new ArrayList<>();
    if (postgres) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity")) {
        while (rs.next()) {
          ProcessHandle.of(rs.getLong(1)).ifPresent(processes::add);
        }
      }
    }
    return new CpuMeter(processes);
  }

  /**
   * CPU nanoseconds so far: this JVM's (the JIT compiler's included: hence the warm-up before each measurement), and
   * the database processes' (0 for H2, which runs inside the JVM).
   */
  long[] now() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    long db = database.stream()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    return new long[] {jvm, db};
  }
}
