package org.parcelveil.shipment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.parcelveil.validation.Check;

/**
 * What a merchant's shipment list is narrowed to: its own order reference, a state, and a creation time from
 * (inclusive) to (exclusive). Every part is optional.
 */
public record ShipmentFilter(String reference, ShipmentState state, Instant createdFrom, Instant createdTo) {
  public static final ShipmentFilter NONE = new ShipmentFilter(null, null, null, null);

  /**
   * The filter of the query values as sent ({@code reference}, {@code state}, {@code createdFrom}, {@code createdTo}).
   *
   * @throws org.parcelveil.validation.ValidationException naming each bad one
   */
  public static ShipmentFilter parse(String reference, String state, String createdFrom, String createdTo) {
    Check check = new Check();
    String ref = reference == null ? null : check.text("reference", reference, 1, 64);
    ShipmentState s = null;
    if (state != null) {
      try {
        s = ShipmentState.valueOf(state.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        check.fail("state", "must be one of " + java.util.Arrays.toString(ShipmentState.values()));
      }
    }
    Instant from = time(check, "createdFrom", createdFrom);
    Instant to = time(check, "createdTo", createdTo);
    if (from != null && to != null && !from.isBefore(to)) {
      check.fail("createdTo", "must be after createdFrom");
    }
    check.throwIfInvalid();
    return new ShipmentFilter(ref, s, from, to);
  }

  private static Instant time(Check check, String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      check.fail(field, "must be an RFC 3339 time such as 2026-11-29T08:00:00Z");
      return null;
    }
  }
}
