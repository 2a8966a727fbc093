package org.parcelveil.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A soak's result as Markdown: the rates, one latency row per operation, the heap readings and any errors. */
public final class SoakReport {
  private SoakReport() {}

  public static String markdown(SoakResult r) {
    StringBuilder md = new StringBuilder();
    md.append(f("Database: %s. Maximum of the mix, closed loop with %d clients after a %d s warm-up: **%.0f "
        + "requests/s** (%d s). Soak: paced (open loop) at %.0f %% of it, **%.0f requests/s due**, for %s; "
        + "achieved %.1f requests/s; the latest request started %.1f ms after it was due.%n%n", r.database(),
        r.plan().clients(), r.plan().warmUp().toSeconds(), r.maxRate(), r.plan().measure().toSeconds(),
        r.plan().fraction() * 100, r.targetRate(), human(r.plan().soak()), r.paced().rate(),
        r.paced().maxLagMicros() / 1000.0));
    for (String note : r.notes()) {
      md.append("- ").append(note).append('\n');
    }
    md.append("\n| operation | share of mix | answered | errors | rate/s | p50 ms | p95 ms | p99 ms | max ms |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    int totalWeight = r.mix().stream().mapToInt(Operation::weight).sum();
    for (Operation op : Operation.values()) {
      Tally.Summary s = r.soak().summary(op);
      if (s.ok() + s.errorCount() == 0) {
        continue;
      }
      md.append(f("| %s | %d %% | %,d | %s | %.1f | %s | %s | %s | %s |%n", op.route(),
          Math.round(100.0 * op.weight() / totalWeight), s.ok(), s.errorCount() == 0 ? "0" : s.errors().toString(),
          s.ok() / r.paced().seconds(), ms(s.p50()), ms(s.p95()), ms(s.p99()), ms(s.max())));
    }
    md.append(f("%nErrors in every phase (set-up, warm-up, maximum, soak): **%d**.%n", r.errors()));
    for (String sample : concat(r)) {
      md.append("- `").append(sample.replace('`', '\'')).append("`\n");
    }
    md.append("\n| seconds into the soak | heap used after full GC, MiB | live threads | store on disk, MiB |\n")
        .append("|---|---|---|---|\n");
    for (HeapProbe.Sample s : r.heap()) {
      md.append(f("| %.0f | %.1f | %d | %.0f |%n", s.seconds(), s.heapMiB(), s.threads(), s.storeMiB()));
    }
    md.append(f("%nHeap after GC: %.1f MiB at the start of the soak, %.1f MiB at the end (%+.1f MiB), peak %.1f "
        + "MiB.%n", r.firstHeap().heapMiB(), r.lastHeap().heapMiB(), r.lastHeap().heapMiB() - r.firstHeap().heapMiB(),
        r.peakHeap().heapMiB()));
    return md.toString();
  }

  private static List<String> concat(SoakResult r) {
    List<String> all = new ArrayList<>(r.warmUp().errorSamples());
    all.addAll(r.measured().errorSamples());
    all.addAll(r.soak().errorSamples());
    return all;
  }

  private static String ms(long micros) {
    return f("%.2f", micros / 1000.0);
  }

  private static String human(Duration d) {
    return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
