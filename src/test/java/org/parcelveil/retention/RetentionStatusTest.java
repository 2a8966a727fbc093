package org.parcelveil.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/** The retention status admins see: parcels held per shred day, what is overdue, and the last run. */
class RetentionStatusTest {

  @Test
  void status_countsParcelsPerShredDay_andRecordsEachRun() {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      svc.post("/v1/shipments", merchant, Fixtures.shipment("S-1"));
      svc.post("/v1/shipments", merchant, Fixtures.shipment("S-2"));
      RetentionStatus status = new RetentionStatus(svc.pv.database().dataSource(), RetentionPolicy.DEFAULTS);
      Instant now = svc.clock.instant();
      LocalDate shredDay = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(91);

      RetentionStatus.Report before = status.at(now);
      assertThat(before.held()).isEqualTo(2);
      assertThat(before.overdue()).isZero();
      assertThat(before.next(10)).containsExactly(new RetentionStatus.Due(shredDay, 2));
      assertThat(before.dueWithin(7)).isZero();
      assertThat(before.dueWithin(91)).isEqualTo(2);

      svc.pv.shredder().run(now);
      assertRun(status.at(now), now, 0, 0);
      // Past the day but not yet run: overdue, which is what an admin must notice.
      Instant later = now.plus(Duration.ofDays(92));
      assertThat(status.at(later).overdue()).isEqualTo(2);
      svc.pv.shredder().run(later);
      RetentionStatus.Report after = status.at(later);
      assertThat(after.overdue()).isZero();
      assertThat(after.held()).isZero();
      assertRun(after, later, 1, 2);
    }
  }

  private static void assertRun(RetentionStatus.Report r, Instant at, int buckets, int shipments) {
    RetentionStatus.LastRun run = r.lastRun().orElseThrow();
    // The database keeps microseconds; the clock may have more.
    assertThat(Duration.between(run.at(), at).abs()).isLessThan(Duration.ofMillis(1));
    assertThat(run.buckets()).isEqualTo(buckets);
    assertThat(run.shipments()).isEqualTo(shipments);
  }
}
