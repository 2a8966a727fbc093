package org.parcelveil.leaks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parcelveil.leaks.detect.DetectorSettings;

/**
 * The short form of the evaluation: a few seeded runs of the full-size network, asserting the goals: the leaker ranked
 * first, an alert within an hour of the first harvesting act, at most one false alert per 1,000 honest principal-days.
 */
class LeakEvaluationTest {

  @Test
  void seededRuns_rankTheLeakerFirst_alertWithinAnHour_andRarelyAlertOnHonestPrincipals() throws Exception {
    LeakEvaluation.Summary s = LeakEvaluation.evaluate(SimRun.Config.STANDARD, DetectorSettings.DEFAULTS, 3, 1001, 2);
    System.out.print(LeakEvaluation.report(s));
    for (String kind : s.rankedFirst().keySet()) {
      assertThat(s.rankedFirstShare(kind)).as("%s ranked first", kind).isGreaterThanOrEqualTo(0.95);
      assertThat(s.alertedWithin(kind, Duration.ofHours(1))).as("%s alerted within an hour", kind).isEqualTo(1.0);
    }
    assertThat(s.falsePerThousandPrincipalDays()).as(s.falseByKind().toString()).isLessThanOrEqualTo(1.0);
    assertThat(s.clientFalseAlerts()).isZero();
  }
}
