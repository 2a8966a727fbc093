package org.parcelveil.keys;

import org.jspecify.annotations.Nullable;

/** What the key store says about one key version, without its material: for listings and rotation reports. */
public record KeyVersion(String name, int version, String kind, String state, int masterGeneration,
    @Nullable String params) {}
