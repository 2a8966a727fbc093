package org.parcelveil.shipment;

import org.jspecify.annotations.Nullable;
import org.parcelveil.identity.Role;
import org.parcelveil.validation.Check;

/**
 * What an event carries besides its type: the reason of a failed attempt and the courier's word that the cash on
 * delivery was collected. Checked with the rest of the request, so a refusal is a 400 naming the field and nothing is
 * written.
 */
record EventDetails(@Nullable String reason, @Nullable Boolean codCollected) {

  static EventDetails check(Check check, @Nullable EventType type, EventRequest r, Role actor, boolean hasCod) {
    return new EventDetails(reason(check, type, r.reason()), codCollected(check, type, r.codCollected(), actor, hasCod));
  }

  private static @Nullable String reason(Check check, @Nullable EventType type, @Nullable String given) {
    if (type != EventType.DELIVERY_FAILED) {
      if (given != null && type != null) {
        check.fail("reason", "is only for DELIVERY_FAILED");
      }
      return null;
    }
    if (given == null || given.isBlank()) {
      check.fail("reason", "is required for DELIVERY_FAILED: one of " + FailureReason.NAMES);
      return null;
    }
    return FailureReason.parse(given).map(Enum::name).orElseGet(() -> {
      check.fail("reason", "must be one of " + FailureReason.NAMES);
      return null;
    });
  }

  /**
   * A courier hands over a cash-on-delivery parcel only against the cash, so its DELIVERED must say so; station staff
   * (who record a delivery on a courier's behalf, or over the counter) may say so.
   */
  private static @Nullable Boolean codCollected(Check check, @Nullable EventType type, @Nullable Boolean given,
      Role actor, boolean hasCod) {
    if (type != EventType.DELIVERED || !hasCod) {
      if (given != null && type != null) {
        check.fail("codCollected", "is only for DELIVERED of a parcel with cash on delivery");
      }
      return null;
    }
    if (actor == Role.COURIER && !Boolean.TRUE.equals(given)) {
      check.fail("codCollected", "must be true: confirm the cash on delivery was collected before recording "
          + "DELIVERED");
      return null;
    }
    return given;
  }
}
