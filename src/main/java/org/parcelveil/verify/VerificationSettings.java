package org.parcelveil.verify;

import java.time.Duration;
import org.parcelveil.tracking.Budget;

/**
 * Marketplace verification's limits and thresholds. Defaults: 6,000 verifications per platform per minute, a 50 g
 * weight floor, a warning after 24 hours without a scan, 5 minutes of tolerance between the platform's clock and
 * ours, and at most 3 distinct phones ever compared with one parcel's recipient.
 *
 * @param perPlatform each platform's budget of requests (per node, see {@code RateLimiter})
 * @param weightFloorGrams a measured (or, before weighing, declared) weight below this warns: an empty parcel
 * @param silence how long after the last scan a parcel still on its way warns
 * @param clockSkew how far the order time and our times may disagree before "created after the order" fails
 * @param phonesPerParcel how many distinct phones, over all platforms, nodes and time, are ever compared with one
 *     parcel's recipient: each comparison is a guess at a secret, so the number of guesses is what must be bounded
 */
public record VerificationSettings(Budget perPlatform, int weightFloorGrams, Duration silence,
    Duration clockSkew, int phonesPerParcel) {

  public static final VerificationSettings DEFAULTS = new VerificationSettings(Budget.perMinute(6_000), 50,
      Duration.ofHours(24), Duration.ofMinutes(5), 3);

  public VerificationSettings {
    if (perPlatform == null || silence == null || clockSkew == null) {
      throw new IllegalArgumentException("verification settings need perPlatform, silence and clockSkew");
    }
    if (weightFloorGrams < 0) {
      throw new IllegalArgumentException("weightFloorGrams must not be negative, was " + weightFloorGrams);
    }
    if (silence.isNegative() || silence.isZero() || clockSkew.isNegative()) {
      throw new IllegalArgumentException("silence must be positive and clockSkew not negative");
    }
    if (phonesPerParcel < 1 || phonesPerParcel > 10) {
      throw new IllegalArgumentException("phonesPerParcel must be 1 to 10, was " + phonesPerParcel);
    }
  }

  public VerificationSettings withPerPlatform(Budget b) {
    return new VerificationSettings(b, weightFloorGrams, silence, clockSkew, phonesPerParcel);
  }
}
