package org.parcelveil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private final RetrySchedule schedule = RetrySchedule.DEFAULT;

  @Test
  void delays_doubleFromTenSeconds_withJitterInTheUpperHalf_upToTheCap() {
    SplittableRandom random = new SplittableRandom(7);
    long[] ceilings = {10, 20, 40, 80, 160, 320, 640, 1280, 1800, 1800};
    for (int failures = 1; failures <= ceilings.length; failures++) {
      Duration ceiling = Duration.ofSeconds(ceilings[failures - 1]);
      for (int i = 0; i < 200; i++) {
        Duration d = schedule.delayAfter(failures, random);
        assertThat(d).isBetween(ceiling.dividedBy(2), ceiling);
      }
    }
    assertThat(schedule.delayAfter(10_000, random)).isLessThanOrEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void aLeaseShorterThanTwoCalls_isRefused() {
    assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofDays(1),
        Duration.ofSeconds(5))).hasMessageContaining("lease");
  }
}
