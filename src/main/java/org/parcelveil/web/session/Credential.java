package org.parcelveil.web.session;

import org.jspecify.annotations.Nullable;

/**
 * A person's console credentials as stored: hashes and sealed bytes only. Prints without them. The counts of
 * failed attempts are not part of it: only their own statements change them (see {@link CredentialRepository}).
 */
record Credential(String principalId, String login, @Nullable String passwordHash, byte @Nullable [] totpSealed,
    boolean totpEnabled, long totpLastStep) {

  Credential withPassword(String login, String hash) {
    return new Credential(principalId, login, hash, totpSealed, totpEnabled, totpLastStep);
  }

  Credential withTotp(byte[] sealed, boolean enabled) {
    return new Credential(principalId, login, passwordHash, sealed, enabled, totpLastStep);
  }

  @Override
  public String toString() {
    return "Credential[" + principalId + "]";
  }
}
