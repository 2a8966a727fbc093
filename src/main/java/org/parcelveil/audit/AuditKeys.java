package org.parcelveil.audit;

import java.util.List;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.Secret;

/**
 * The log's Ed25519 signing keys, kept in the key store under the master key as 32-byte seeds named
 * {@link KeyName#AUDIT_SIGNING}. Each version is a key; rotating the secret starts signing with a new key, and the
 * public keys of the old versions stay published so that old checkpoints still verify.
 */
final class AuditKeys {
  private final KeyStore keys;

  AuditKeys(KeyStore keys) {
    this.keys = keys;
  }

  /** A signer with the newest key version, named {@code origin}. */
  NoteSigner current(String origin) {
    Secret secret = keys.currentSecret(KeyName.AUDIT_SIGNING);
    return new NoteSigner(origin, secret.bytes(), secret.version());
  }

  /** The verifier keys of every version still in the key store, oldest first. */
  List<NoteSigner> all(String origin) {
    return keys.secrets(KeyName.AUDIT_SIGNING).stream()
        .map(s -> new NoteSigner(origin, s.bytes(), s.version()))
        .toList();
  }
}
