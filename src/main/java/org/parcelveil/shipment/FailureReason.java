package org.parcelveil.shipment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a delivery attempt failed, from a fixed list (as carriers' exception codes are), so that the station knows what
 * to do next and tracking can say it in words. None of them names or describes a person.
 */
public enum FailureReason {
  /** Nobody there to take it: send it out again, e.g. the next day. */
  ABSENT,
  /** The recipient refused it: return it. */
  REFUSED,
  /** The address does not lead to the recipient: support corrects it, or the parcel is returned. */
  ADDRESS_WRONG,
  /** The parcel is damaged: repack and send it out again, or return it. */
  DAMAGED,
  /** The parcel reached the wrong station: send it on along its route (DEPARTED, ARRIVED). */
  MISROUTED,
  OTHER;

  /** The names a request may give, for the message that refuses another value. */
  public static final String NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

  /** The reason a request names (any case); empty for null or an unknown value. */
  public static Optional<FailureReason> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.name().equals(wanted)).findFirst();
  }
}
