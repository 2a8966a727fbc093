package org.parcelveil.tracking;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.parcelveil.shipment.Cod;
import org.parcelveil.shipment.ShipmentState;
import org.parcelveil.subject.DisclosureHistory;
import org.parcelveil.vault.Masked;

/**
 * What public tracking may show of a parcel: its state and city-level events always; the masked recipient and the
 * declared cash-on-delivery amount only to whoever proved they hold the parcel (phone digits or the label's QR).
 *
 * @param recipient the masked recipient when shown; null when not shown or no longer known (shredded)
 * @param cod the declared cash-on-delivery amount when shown and declared
 * @param detailsShown whether {@code recipient} and {@code cod} are part of this answer
 * @param disclosures who saw the recipient's data, only when the phone digits were verified
 */
public record Tracked(String waybill, ShipmentState state, List<Event> events, PhoneCheck phoneCheck,
    boolean detailsShown, @Nullable Masked recipient, @Nullable Cod cod, DisclosureHistory.@Nullable History disclosures) {

  /**
   * One event at city level with the public name of the station or hub it happened at ({@code place}, its
   * {@code kind} HUB or STATION): network names, never a courier, a principal or a person; a failed attempt with its
   * reason (a name of {@code FailureReason}, which says nothing about the person).
   */
  public record Event(String type, Instant at, @Nullable String city, @Nullable String place, @Nullable String kind,
      @Nullable String reason) {}

  /** The outcome of comparing the last four phone digits someone typed. */
  public enum PhoneCheck {
    /** No digits were given. */
    NOT_ASKED,
    /** The digits match the recipient's phone. */
    VERIFIED,
    /** The digits do not match, or this waybill has seen too many wrong guesses today. */
    WRONG,
    /** The personal data has been shredded: nothing is left to compare with. */
    UNAVAILABLE
  }

  public boolean verified() {
    return phoneCheck == PhoneCheck.VERIFIED;
  }
}
