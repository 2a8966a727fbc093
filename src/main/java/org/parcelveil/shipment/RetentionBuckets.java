package org.parcelveil.shipment;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Which retention bucket (the day its data's key is destroyed) a shipment's personal data goes in. The rule is the
 * retention policy's ({@code retention.RetentionPolicy}); shipments only ask it, so retention may act on shipments
 * without the two packages depending on each other.
 */
public interface RetentionBuckets {
  /** The bucket of a new shipment. */
  LocalDate bucketAtCreation(Instant created);

  /** The bucket of a shipment that finished at {@code finished}: never later than the one it is in. */
  LocalDate bucketAfterFinish(LocalDate current, Instant finished);
}
