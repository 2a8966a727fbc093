package org.parcelveil.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.MutableClock;

/** Token buckets: a burst of the capacity, an even refill, debt for requests that raced past the check. */
class RateLimiterTest {

  @Test
  void burstThenWait_thenOneTokenPerSlice() {
    MutableClock clock = new MutableClock();
    RateLimiter limiter = new RateLimiter(Budget.perHour(4), clock);
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.take("a")).isZero();
    }
    long wait = limiter.take("a");
    assertThat(wait).isBetween(890L, 900L);
    assertThat(limiter.take("b")).as("keys are independent").isZero();
    clock.advance(Duration.ofSeconds(wait));
    assertThat(limiter.take("a")).isZero();
    assertThat(limiter.take("a")).isPositive();
  }

  @Test
  void charges_goIntoDebt_whichMustBeRepaid() {
    MutableClock clock = new MutableClock();
    RateLimiter limiter = new RateLimiter(Budget.perHour(2), clock);
    for (int i = 0; i < 4; i++) {
      limiter.charge("a");
    }
    assertThat(limiter.waitSeconds("a")).isBetween(5390L, 5400L);
    clock.advance(Duration.ofMinutes(89));
    assertThat(limiter.waitSeconds("a")).isPositive();
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.waitSeconds("a")).isZero();
  }
}
