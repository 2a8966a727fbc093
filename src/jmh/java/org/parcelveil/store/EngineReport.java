package org.parcelveil.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The Markdown tables of one {@link EngineComparison} run. */
final class EngineReport {
  private EngineReport() {}

  static String write(List<EngineComparison.Measured> results, int seconds, boolean strace, String loadBefore,
      String loadAfter, double elapsed, String machine) {
    StringBuilder r = new StringBuilder();
    r.append(machine).append(String.format("Load average (1 / 5 / 15 min) at the start: %s; at the end: %s. "
        + "The whole run took %.0f s. Each child JVM: %s heap, fixed and touched up front.%n%n", loadBefore,
        loadAfter, elapsed, EngineComparison.CHILD_HEAP));

    r.append("**Start-up** (ms, from the first line of a new JVM to the answer of `SELECT 1`; median of ")
        .append(EngineComparison.STARTS).append(" runs, all runs in brackets)\n\n")
        .append("| engine | new directory | existing directory | clean stop |\n|---|---|---|---|\n");
    for (var m : results) {
      r.append("| ").append(m.engine()).append(" | ").append(median(m.newStarts(), "firstQueryMs")).append(" | ")
          .append(median(m.existingStarts(), "firstQueryMs")).append(" | ")
          .append(median(m.existingStarts(), "stopMs")).append(" |\n");
    }
    for (var m : results) {
      if (m.coldCache() != null) {
        r.append(String.format("%nPostgreSQL's first start on a machine, which also unpacks the server binaries "
            + "into the cache: %,.0f ms. Every start reads and hashes the binaries' archive before using the cache: "
            + "%s ms of the figures above (timed after each start).%n", m.coldCache().get("firstQueryMs").asDouble(),
            median(m.existingStarts(), "binariesCheckMs")));
      }
    }

    r.append("\n**Durable writes** (rows of ").append(WideRows.ROW_BYTES).append(" bytes in 11 columns, random keys, "
        + "one secondary index; ").append(seconds).append(" s each after 1 s of warm-up)\n\n")
        .append("| engine | single-row commits/s, 1 thread | single-row commits/s, 16 threads | "
            + "200 rows per commit, rows/s |\n|---|---|---|---|\n");
    for (var m : results) {
      JsonNode run = m.run();
      r.append(String.format("| %s | %,.0f | %,.0f | %,.0f |%n", m.engine(), run.get("single1").asDouble(),
          run.get("single16").asDouble(), run.get("batch200").asDouble()));
    }

    r.append("\n**Memory** after the writes, 16 connections open (MiB)\n\n")
        .append("| engine | live heap added (after a full GC) | JVM native memory added (RSS) | "
            + "server processes: PSS (RSS summed) |\n|---|---|---|---|\n");
    for (var m : results) {
      JsonNode run = m.run();
      int procs = run.get("serverProcesses").asInt();
      r.append(String.format("| %s | %.1f | %.1f | %s |%n", m.engine(), run.get("liveHeapAddedKib").asDouble() / 1024,
          run.get("jvmRssAddedKib").asDouble() / 1024, procs == 0 ? "none (in-process)"
              : String.format("%.1f (%.1f) in %d processes", run.get("serverPssKib").asDouble() / 1024,
                  run.get("serverRssKib").asDouble() / 1024, procs)));
    }

    r.append("\n**Durability in force** (as the engine reports it)").append(strace
        ? "; sync calls per single-row commit counted with `strace -f -c` (" + EngineComparison.STRACE_COMMITS
            + " commits minus none, every thread and process)" : "; strace not installed, sync calls not counted")
        .append("\n\n| engine | settings | fsync / fdatasync per commit |\n|---|---|---|\n");
    for (var m : results) {
      List<String> settings = new ArrayList<>();
      m.run().get("durability").fields().forEachRemaining(e -> settings.add("`" + e.getKey() + "=" + e.getValue()
          .asText() + "`"));
      double[] s = m.syncCalls();
      r.append("| ").append(m.engine()).append(" | ").append(String.join(" ", settings)).append(" | ")
          .append(s == null ? "not counted" : String.format("%.2f / %.2f", s[0], s[1])).append(" |\n");
    }

    r.append("\n**Erasure**: 1,000 rows each with a marker of its own in 5 columns, 100 of them updated to NULL those "
        + "columns (one commit each), then every file of the directory searched byte for byte. Cells: erased markers "
        + "still found (of 100), where; then the control, live markers found (of 900)\n\n");
    for (var m : results) {
      JsonNode run = m.run();
      r.append("- **").append(m.engine()).append("**, cleanup ").append(run.get("cleanup").asText())
          .append(String.format(" (%.0f ms)", run.get("cleanupMs").asDouble()));
      if (run.has("compactMs")) {
        r.append(String.format("; SHUTDOWN COMPACT %.0f ms", run.get("compactMs").asDouble()));
      }
      r.append(":\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = run.get("erasure").fields(); it.hasNext(); ) {
        var stage = it.next();
        JsonNode s = stage.getValue();
        List<String> where = new ArrayList<>();
        s.get("where").fields().forEachRemaining(w -> where.add("`" + w.getKey() + "` " + w.getValue().asInt()));
        r.append("  - ").append(stage.getKey()).append(": **").append(s.get("erasedFound").asInt()).append("**")
            .append(where.isEmpty() ? "" : " (" + String.join(", ", where) + ")").append("; control ")
            .append(s.get("liveFound").asInt()).append("/").append(s.get("liveTotal").asInt()).append("\n");
      }
    }

    r.append("\n**Growth**: directory size (MiB) holding 1,000 rows, then after each 5,000 single-row updates that "
        + "rewrite a random row's personal columns (4 threads), a connection held open throughout; the write-ahead "
        + "log's share in brackets\n\n| engine | 1,000 rows | 5,000 | 10,000 | 15,000 | 20,000 updates | updates/s |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (var m : results) {
      r.append("| ").append(m.engine());
      JsonNode last = null;
      for (JsonNode step : m.run().get("growth")) {
        r.append(String.format(" | %.1f (%.1f)", step.get("totalBytes").asDouble() / (1 << 20),
            step.get("logBytes").asDouble() / (1 << 20)));
        last = step;
      }
      r.append(String.format(" | %,.0f |%n", last.get("updates").asDouble() / last.get("seconds").asDouble()));
    }

    r.append("\n**Listeners and files** (sockets owned by the JVM and the server processes, from /proc)\n\n"
        + "| engine | network listeners | Unix sockets | directory | files |\n|---|---|---|---|---|\n");
    for (var m : results) {
      List<String> net = new ArrayList<>();
      List<String> unix = new ArrayList<>();
      m.run().get("listeners").forEach(l -> (l.asText().startsWith("unix") ? unix : net).add(l.asText()));
      JsonNode modes = m.run().get("fileModes");
      r.append("| ").append(m.engine()).append(" | ").append(net.isEmpty() ? "none" : String.join(", ", net))
          .append(" | ").append(unix.isEmpty() ? "none" : unix.size() + " (`run/.s.PGSQL.5432`, mode 0700 directory)")
          .append(" | `").append(modes.get("directory").asText()).append("` | `")
          .append(modes.get("files").asText()).append("` |\n");
    }
    return r.toString();
  }

  /** The median of {@code field} over the runs, followed by every run's value. */
  static String median(List<JsonNode> runs, String field) {
    Function<JsonNode, Double> get = n -> n.has(field) ? n.get(field).asDouble() : Double.NaN;
    List<Double> values = runs.stream().map(get).filter(v -> !v.isNaN()).toList();
    if (values.isEmpty()) {
      return "–";
    }
    List<Double> sorted = values.stream().sorted().toList();
    List<String> all = values.stream().map(v -> String.format("%,.0f", v)).toList();
    return String.format("**%,.0f** (%s)", sorted.get(sorted.size() / 2), String.join(", ", all));
  }
}
