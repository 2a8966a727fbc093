package org.parcelveil.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * A KMS {@link Aead} that remembers what it decrypted for a while: the key store unwraps the same few keys over
 * and over (every refresh, every lease of waybill numbers), and each unwrap would otherwise be a network call.
 */
final class CachingAead implements Aead {
  static final Duration TTL = Duration.ofMinutes(5);
  private final Aead kms;
  private final Cache<ByteBuffer, byte[]> plain = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();

  CachingAead(Aead kms) {
    this.kms = kms;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    return kms.encrypt(plaintext, associatedData);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    ByteBuffer key = ByteBuffer.allocate(8 + ciphertext.length + associatedData.length)
        .putInt(ciphertext.length).put(ciphertext).putInt(associatedData.length).put(associatedData).flip();
    byte[] hit = plain.getIfPresent(key);
    if (hit != null) {
      return hit.clone();
    }
    byte[] out = kms.decrypt(ciphertext, associatedData);
    plain.put(key, out.clone());
    return out;
  }
}
