package org.parcelveil.vault;

/** Encryption or decryption failed: a tampered or misplaced ciphertext, or a broken key. */
public final class VaultException extends RuntimeException {
  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
