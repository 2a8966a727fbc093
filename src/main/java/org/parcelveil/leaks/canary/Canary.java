package org.parcelveil.leaks.canary;

import java.time.Instant;

/** A canary parcel: its waybill, the channel it was exposed through, and when it was made. */
public record Canary(String waybill, String channel, Instant createdAt) {}
