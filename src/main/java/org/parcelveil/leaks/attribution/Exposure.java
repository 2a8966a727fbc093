package org.parcelveil.leaks.attribution;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A shipment a leaked record matched, the party it matched ({@code recipient} or {@code sender}; null when only the
 * waybill matched), its canary channel if it is a canary, and every sighting of it.
 */
public record Exposure(String waybill, @Nullable String party, @Nullable String canaryChannel,
    List<Sighting> sightings) {}
