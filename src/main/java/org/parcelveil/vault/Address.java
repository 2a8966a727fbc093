package org.parcelveil.vault;

import org.jspecify.annotations.Nullable;

/** A postal address: the area in clear, the street and detail (building, unit, room) secret. */
public record Address(Area area, @Nullable Sensitive street, Sensitive detail) {}
