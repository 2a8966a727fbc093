package org.parcelveil.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.security.GeneralSecurityException;

/**
 * The key that wraps every other key. It never enters the databases; it comes from a file, the environment or
 * a KMS ({@link MasterKeySource}).
 */
public final class MasterKey {
  private final Aead aead;
  private final String source;

  MasterKey(Aead aead, String source) {
    this.aead = aead;
    this.source = source;
  }

  /** A master key from 32 raw bytes (AES-256-GCM). */
  public static MasterKey ofBytes(byte[] key, String source) {
    if (key.length != 32) {
      throw new KeyStoreException("the master key must be 32 bytes (base64 of 32 random bytes), found " + key.length);
    }
    try {
      return new MasterKey(new AesGcmJce(key), source);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("the master key could not be loaded", e);
    }
  }

  /**
   * A master key held in a KMS: the {@link Aead} is the KMS client's. Unwrapped keys are remembered for a few
   * minutes, so the service does not call the KMS each time it re-reads a key version.
   */
  public static MasterKey ofKms(Aead kmsAead, String uri) {
    return new MasterKey(new CachingAead(kmsAead), uri);
  }

  Aead aead() {
    return aead;
  }

  /** Where the key came from (a path, an environment variable's name or a KMS URI), never the key. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "MasterKey[" + source + "]";
  }
}
