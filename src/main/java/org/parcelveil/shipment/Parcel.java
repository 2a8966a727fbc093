package org.parcelveil.shipment;

import org.jspecify.annotations.Nullable;

/** The physical parcel: weight in grams and optional dimensions in centimetres. */
public record Parcel(int weightGrams, @Nullable Integer lengthCm, @Nullable Integer widthCm, @Nullable Integer heightCm) {}
