package org.parcelveil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.leaks.attribution.Attribution;
import org.parcelveil.leaks.attribution.AttributionReport;
import org.parcelveil.leaks.attribution.LeakFiles;
import org.parcelveil.leaks.attribution.LeakRecord;
import org.parcelveil.leaks.attribution.Ranking;
import org.parcelveil.leaks.attribution.Suspect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parcelveil leaks attribute FILE}: ranks the accounts a leaked list most likely came from. */
@Command(name = "leaks", mixinStandardHelpOptions = true, description = "Leak defence tools.",
    subcommands = LeaksCommand.Attribute.class)
final class LeaksCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "attribute", mixinStandardHelpOptions = true,
      description = "Match a leaked list (CSV with a header naming waybill, phone, name; or JSON lines) against the "
          + "store and rank the principals and canary channels it most likely came from. The operator's tool: not "
          + "bounded like the API (docs/leaks.md), but the run and every shipment it matched are audit-logged; the "
          + "file's contents are neither stored nor printed.")
  static final class Attribute implements Callable<Integer> {
    private static final int CHUNK = 5_000;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", description = "The leaked list.")
    Path file;

    @Option(names = "--format", description = "csv, jsonl or lines (one waybill or phone a line; default: from the "
        + "file name, .csv, .txt, else jsonl).")
    String format;

    @Option(names = "--top", defaultValue = "10", description = "How many suspects to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws IOException {
      String name = file.toString().toLowerCase(Locale.ROOT);
      String fmt = format != null ? format : name.endsWith(".csv") ? "csv" : name.endsWith(".txt") ? "lines" : "jsonl";
      long total = lines(file) - (fmt.equals("csv") ? 1 : 0);
      PrintStream err = System.err;
      try (ParcelVeil pv = ParcelVeil.open(store.settings(), store.environment());
          Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        Attribution attribution = pv.leaks().attribution();
        Ranking run = attribution.begin();
        Iterator<LeakRecord> records = LeakFiles.read(reader, fmt);
        List<LeakRecord> chunk = new ArrayList<>(CHUNK);
        long done = 0;
        while (records.hasNext()) {
          chunk.add(records.next());
          if (chunk.size() == CHUNK || !records.hasNext()) {
            run.add(chunk);
            done += chunk.size();
            chunk.clear();
            err.print("\r" + Progress.bar(done, total));
          }
        }
        err.println();
        AttributionReport report = attribution.finish(run, "cli", "security");
        print(report);
        return 0;
      }
    }

    private void print(AttributionReport r) {
      System.out.printf("run %s (audit entry %d): %,d records, %,d matched, %,d unmatched%n", r.runId(), r.auditIndex(),
          r.records(), r.matched(), r.unmatched());
      if (!r.canaryWaybills().isEmpty()) {
        System.out.printf("CANARIES in the list: %s%n", String.join(", ", r.canaryWaybills()));
      }
      System.out.printf("%-4s %-36s %-10s %-10s %-8s %s%n", "rank", "suspect", "Pr{G|S}", "weight", "certain",
          "records held");
      List<Suspect> suspects = r.suspects();
      for (int i = 0; i < Math.min(top, suspects.size()); i++) {
        Suspect s = suspects.get(i);
        System.out.printf("%-4d %-36s %-10.6f %-10.2f %-8d %,d%n", i + 1, s.agent(), s.score(), s.weight(), s.certain(),
            s.covered());
      }
    }

    private static long lines(Path f) throws IOException {
      try (Stream<String> l = Files.lines(f, StandardCharsets.UTF_8)) {
        return l.filter(x -> !x.isBlank()).count();
      }
    }
  }

  /** A plain text progress bar for long files. */
  static final class Progress {
    private Progress() {}

    static String bar(long done, long total) {
      int width = 30;
      double share = total <= 0 ? 1 : Math.min(1.0, done / (double) total);
      int filled = (int) Math.round(share * width);
      return String.format("[%s%s] %3d%% %,d/%,d records", "#".repeat(filled), "-".repeat(width - filled),
          Math.round(share * 100), done, Math.max(total, done));
    }
  }
}
