package org.parcelveil.eventhooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.parcelveil.identity.Role;

/**
 * One tracking webhook: who made it (a merchant, for its own shipments, or a platform, for the shipments made from
 * its orders), where its calls go, which event types, and optionally the one shipment it follows. Its secret is
 * not here: it is shown once when made, and read only to sign a call.
 */
public record Subscription(String id, String ownerId, Role ownerRole, URI url, List<String> events,
    @Nullable String waybill, Instant createdAt) {
  /** The one event type there is: a shipment's scan or status event. */
  public static final String SHIPMENT_EVENT = "shipment.event";

  public Subscription {
    events = List.copyOf(events);
  }

  /** Whether this subscription owes a call for an event of a shipment of {@code merchant} (and {@code platform}). */
  boolean follows(String eventWaybill, String merchant, @Nullable String platform, Instant recordedAt) {
    boolean mine = ownerRole == Role.PLATFORM ? ownerId.equals(platform) : ownerId.equals(merchant);
    return mine && events.contains(SHIPMENT_EVENT) && (waybill == null || waybill.equals(eventWaybill))
        && !recordedAt.isBefore(createdAt);
  }
}
