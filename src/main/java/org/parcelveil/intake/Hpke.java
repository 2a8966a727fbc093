package org.parcelveil.intake;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * The one HPKE suite of sealed recipients (RFC 9180, base mode): DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * AES-256-GCM, with {@code info} fixed to {@code parcelveil intake v1}. BouncyCastle's implementation, because it
 * takes {@code info} and the associated data separately, as the wire format needs.
 */
final class Hpke {
  static final byte[] INFO = "parcelveil intake v1".getBytes(StandardCharsets.US_ASCII);
  static final int ENC_BYTES = 32;

  private Hpke() {}

  private static HPKE suite() {
    return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
  }

  /** The key pair RFC 9180's DeriveKeyPair makes from {@code seed} (32 random bytes from the key store). */
  static AsymmetricCipherKeyPair derive(byte[] seed) {
    return suite().deriveKeyPair(seed);
  }

  static byte[] publicKey(AsymmetricCipherKeyPair pair) {
    return suite().serializePublicKey(pair.getPublic());
  }

  /** The plaintext, or empty if the ciphertext does not open under this key, info and associated data. */
  static java.util.Optional<byte[]> open(AsymmetricCipherKeyPair recipient, byte[] enc, byte[] aad, byte[] ct) {
    try {
      return java.util.Optional.of(suite().open(enc, recipient, INFO, aad, ct, null, null, null));
    } catch (InvalidCipherTextException | IllegalArgumentException | IllegalStateException e) {
      // A wrong key, altered bytes, other associated data, or an encapsulation that is not a point: all alike.
      return java.util.Optional.empty();
    }
  }

  /** Seals as a platform would: {enc, ciphertext}. For tests, the demo and the integrator's example. */
  static byte[][] seal(byte[] recipientPublicKey, byte[] aad, byte[] plaintext) {
    HPKE hpke = suite();
    AsymmetricKeyParameter pk = hpke.deserializePublicKey(recipientPublicKey);
    try {
      byte[][] out = hpke.seal(pk, INFO, aad, plaintext, null, null, null);
      return new byte[][] {out[1], out[0]};
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }
}
