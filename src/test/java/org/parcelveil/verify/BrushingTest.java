package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Budget;

/**
 * The short form of the brushing benchmark ({@code BrushingBenchmark}): a small simulated day through the API,
 * asserting the goals: every attack kind flagged at least 99% of the time, genuine orders at most 1%.
 */
class BrushingTest {

  @Test
  void smallDay_catchesEveryAttackKind_andFlagsFewGenuineOrders() {
    BrushingDay.Config config = new BrushingDay.Config(150, 25, 12, 3, 8, 20261129L);
    BrushingReport report;
    try (TestService svc = TestService.start("postgres",
        s -> s.withVerification(s.verification().withPerPlatform(Budget.perMinute(100_000))));
        Api api = new Api(svc.server.port(), config.clients())) {
      report = new BrushingDay(api, svc.clock, config).run(svc.adminToken);
    }
    System.out.println(report.markdown());
    for (String attack : BrushingDay.ATTACKS.keySet()) {
      BrushingReport.Tally t = report.tally(attack);
      assertThat(t.total).as(attack).isEqualTo(config.attacksPerKind());
      assertThat(t.share()).as(attack + " caught").isGreaterThanOrEqualTo(0.99);
    }
    assertThat(report.tally(BrushingDay.GENUINE).total).isEqualTo(config.genuine());
    assertThat(report.tally(BrushingDay.GENUINE).share()).as("genuine flagged").isLessThanOrEqualTo(0.01);
    assertThat(report.tally(BrushingDay.GENUINE_AGAIN).share()).as("genuine asked again").isLessThanOrEqualTo(0.01);
  }
}
