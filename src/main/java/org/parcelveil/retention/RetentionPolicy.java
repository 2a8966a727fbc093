package org.parcelveil.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.parcelveil.shipment.RetentionBuckets;

/**
 * How long personal data lives: {@code daysAfterFinish} days after delivery or return, and at most {@code maxDays}
 * days after creation for a parcel that never finishes. Data is encrypted under the key of the day its retention
 * ends (its bucket); a new shipment starts in the maximum bucket and moves to an earlier one when it finishes.
 * Changes apply to new shipments and to shipments that finish afterwards.
 */
public record RetentionPolicy(int daysAfterFinish, int maxDays) implements RetentionBuckets {
  public static final RetentionPolicy DEFAULTS = new RetentionPolicy(30, 90);

  public RetentionPolicy {
    if (daysAfterFinish < 1 || maxDays < 1 || daysAfterFinish > maxDays) {
      throw new IllegalArgumentException("retention needs 1 <= daysAfterFinish (" + daysAfterFinish
          + ") <= maxDays (" + maxDays + ")");
    }
  }

  @Override
  public LocalDate bucketAtCreation(Instant created) {
    return LocalDate.ofInstant(created, ZoneOffset.UTC).plusDays(maxDays);
  }

  @Override
  public LocalDate bucketAfterFinish(LocalDate current, Instant finished) {
    LocalDate after = LocalDate.ofInstant(finished, ZoneOffset.UTC).plusDays(daysAfterFinish);
    return after.isBefore(current) ? after : current;
  }
}
