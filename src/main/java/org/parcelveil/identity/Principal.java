package org.parcelveil.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An account that calls the service: a person or a machine, with one role. Names here are staff names, not customers'. */
public record Principal(String id, Role role, String name, @Nullable String stationCode, Instant createdAt,
    @Nullable Instant revokedAt) {

  public boolean isRevoked() {
    return revokedAt != null;
  }
}
