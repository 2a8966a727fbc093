package org.parcelveil.access;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the disclosure policy needs to know of a shipment: its state and who is assigned to it since when. */
public record DisclosureFacts(String state, @Nullable String pickupCourierId, @Nullable String deliveryCourierId,
    @Nullable Instant assignedAt) {}
