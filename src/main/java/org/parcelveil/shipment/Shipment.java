package org.parcelveil.shipment;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.SealedPerson;

/**
 * A shipment as stored: everything personal is sealed; areas, parcel and state are in clear. {@code deliveryPin}: the
 * merchant asked for a PIN as proof of a door delivery (the {@code pickup} feature sends and checks it).
 */
public record Shipment(String waybill, String merchantId, String reference, ShipmentState state, Area origin,
    Area destination, String sortCode, Parcel parcel, @Nullable Cod cod, LocalDate retentionDay, Instant createdAt,
    Instant updatedAt, @Nullable Instant shreddedAt, boolean canary, SealedPerson sender, SealedPerson recipient,
    Assignment assignment, @Nullable SealedOrder sealedOrder, Payment payment, boolean deliveryPin) {

  /** Who picks the parcel up and who delivers it, since when, and when its journey ended (delivered or returned). */
  public record Assignment(@Nullable String pickupCourierId, @Nullable String deliveryCourierId,
      @Nullable Instant assignedAt, @Nullable Instant finishedAt) {
    public static final Assignment NONE = new Assignment(null, null, null, null);
  }

  public boolean isShredded() {
    return shreddedAt != null;
  }
}
