package org.parcelveil.leaks.attribution;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One way an agent held a shipment's data: how, when, and for plain sightings which party ({@code recipient},
 * {@code sender}; null for both, as the creating merchant has).
 */
public record Sighting(Agent agent, How how, String waybill, @Nullable String party, Instant at) {}
