package org.parcelveil.web.session;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A person's console credentials as stored: hashes and sealed bytes only. Prints without them. */
record Credential(String principalId, String login, @Nullable String passwordHash, byte @Nullable [] totpSealed,
    boolean totpEnabled, long totpLastStep, int failedCount, @Nullable Instant lockedUntil) {

  Credential withPassword(String login, String hash) {
    return new Credential(principalId, login, hash, totpSealed, totpEnabled, totpLastStep, 0, null);
  }

  Credential withTotp(byte[] sealed, boolean enabled) {
    return new Credential(principalId, login, passwordHash, sealed, enabled, totpLastStep, failedCount, lockedUntil);
  }

  boolean lockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.isAfter(now);
  }

  @Override
  public String toString() {
    return "Credential[" + principalId + ", failed=" + failedCount + "]";
  }
}
