package org.parcelveil.web.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (second-factor seeds) with AES-256-GCM under a key from the key store, bound to the
 * principal they belong to, so a copied database row neither reveals nor moves a seed.
 */
final class SecretBox {
  private static final int NONCE = 12;
  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  SecretBox(byte[] key32) {
    if (key32.length != 32) {
      throw new IllegalArgumentException("the sealing key must be 32 bytes, was " + key32.length);
    }
    this.key = new SecretKeySpec(key32, "AES");
  }

  byte[] seal(byte[] plain, String principalId) {
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(aad(principalId));
      byte[] body = c.doFinal(plain);
      byte[] out = Arrays.copyOf(nonce, NONCE + body.length);
      System.arraycopy(body, 0, out, NONCE, body.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  byte[] open(byte[] sealed, String principalId) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE));
      c.updateAAD(aad(principalId));
      return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a sealed second-factor seed does not open: wrong key or altered row", e);
    }
  }

  private static byte[] aad(String principalId) {
    return ("pv-web-totp|" + principalId).getBytes(StandardCharsets.UTF_8);
  }
}
