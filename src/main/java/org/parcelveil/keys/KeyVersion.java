package org.parcelveil.keys;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the key store says about one key version, without its material: for listings and rotation reports.
 * {@code state} is {@code ACTIVE} while the material exists, {@code DESTROYED} once retired.
 */
public record KeyVersion(String name, int version, String kind, String state, int masterGeneration,
    @Nullable String params, Instant createdAt, @Nullable Instant destroyedAt) {

  public boolean destroyed() {
    return "DESTROYED".equals(state);
  }
}
