package org.parcelveil.shipment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.parcelveil.vault.PersonInput;

/**
 * {@code POST /v1/shipments} as the client sends it. Prints without its personal data. The sender is given in full,
 * or as {@code senderId}, one of the merchant's saved senders, or left out for the merchant's default sender. A payment
 * left out is not written when the request is fingerprinted, so an idempotency key taken before the field existed
 * still matches; so is a {@code deliveryPin} left out (a door delivery then needs no PIN).
 */
public record ShipmentRequest(String reference, PersonInput sender, RecipientInput recipient, ParcelInput parcel,
    CodInput cod, @JsonInclude(JsonInclude.Include.NON_NULL) String senderId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String payment,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deliveryPin) {

  /** A request that asks for no delivery PIN. */
  public ShipmentRequest(String reference, PersonInput sender, RecipientInput recipient, ParcelInput parcel,
      CodInput cod, String senderId, String payment) {
    this(reference, sender, recipient, parcel, cod, senderId, payment, null);
  }

  /** A request that names no saved sender and leaves the payment to its default ({@link Payment#DEFAULT}). */
  public ShipmentRequest(String reference, PersonInput sender, RecipientInput recipient, ParcelInput parcel,
      CodInput cod) {
    this(reference, sender, recipient, parcel, cod, null, null);
  }

  /** The same request with its sender given in full (a saved sender looked up). */
  ShipmentRequest withSender(PersonInput resolved) {
    return new ShipmentRequest(reference, resolved, recipient, parcel, cod, null, payment, deliveryPin);
  }

  /** The parcel part of a request. */
  public record ParcelInput(Integer weightGrams, Integer lengthCm, Integer widthCm, Integer heightCm) {}

  /** The cash-on-delivery part of a request. */
  public record CodInput(Long amountCents, String currency) {}

  @Override
  public String toString() {
    return "ShipmentRequest[reference=" + reference + ", parties=[REDACTED]]";
  }
}
