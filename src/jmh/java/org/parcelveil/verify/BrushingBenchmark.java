package org.parcelveil.verify;

import java.nio.file.Path;
import org.parcelveil.app.TestService;
import org.parcelveil.bench.Machine;
import org.parcelveil.tracking.Budget;
import org.parcelveil.tracking.ResultsSection;

/**
 * The brushing benchmark: a simulated day (genuine marketplace orders and every kind of brushing attack) run
 * through the real service over HTTP; reports, per attack kind, the share the verification flags, and the share of
 * genuine orders it flags. Writes its results into {@code docs/benchmarks/brushing.md}, between markers.
 *
 * <p>Usage: {@code BrushingBenchmark [genuine orders] [attacks per kind] [postgres|embedded] [clients]}, default
 * {@code 5000 500 h2 8}.
 */
public final class BrushingBenchmark {
  private BrushingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int genuine = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int attacks = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    String kind = args.length > 2 ? args[2] : "postgres";
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    BrushingDay.Config config = new BrushingDay.Config(genuine, attacks, Math.max(12, genuine / 50), 3, clients,
        20261129L);
    BrushingReport report;
    try (TestService svc = TestService.start(kind,
        s -> s.withVerification(s.verification().withPerPlatform(Budget.perMinute(10_000_000))));
        Api api = new Api(svc.server.port(), clients)) {
      report = new BrushingDay(api, svc.clock, config).run(svc.adminToken);
    }
    String text = "## Results (" + kind + ")\n\n" + Machine.describe() + "Load average (1 / 5 / 15 min) at the end: "
        + ResultsSection.loadAverage() + ".\n\n" + report.markdown();
    System.out.println(text);
    ResultsSection.write(Path.of("docs/benchmarks/brushing.md"), kind, text);
    System.exit(0);
  }
}
