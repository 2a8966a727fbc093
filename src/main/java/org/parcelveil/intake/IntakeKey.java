package org.parcelveil.intake;

import java.time.Instant;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;

/**
 * One intake key: its public id, its version in the key store, its X25519 public key, and until when blobs sealed
 * to it open ({@code notAfter}). The private half never leaves this package and never prints.
 */
record IntakeKey(String keyId, int version, byte[] publicKey, Instant createdAt, Instant notAfter,
    AsymmetricCipherKeyPair pair) {

  boolean acceptsAt(Instant now) {
    return !now.isAfter(notAfter);
  }

  @Override
  public String toString() {
    return "IntakeKey[" + keyId + " v" + version + ", notAfter=" + notAfter + "]";
  }
}
