package org.parcelveil.shipment;

import org.parcelveil.vault.PersonInput;

/** {@code POST /v1/shipments} as the client sends it. Prints without its personal data. */
public record ShipmentRequest(String reference, PersonInput sender, RecipientInput recipient, ParcelInput parcel,
    CodInput cod) {

  /** The parcel part of a request. */
  public record ParcelInput(Integer weightGrams, Integer lengthCm, Integer widthCm, Integer heightCm) {}

  /** The cash-on-delivery part of a request. */
  public record CodInput(Long amountCents, String currency) {}

  @Override
  public String toString() {
    return "ShipmentRequest[reference=" + reference + ", parties=[REDACTED]]";
  }
}
