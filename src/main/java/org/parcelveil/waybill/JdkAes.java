package org.parcelveil.waybill;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The JDK's AES (forward direction only) as a Bouncy Castle {@link BlockCipher}, for Bouncy Castle's FF1 to run on.
 *
 * <p>Why: Bouncy Castle's own {@code AESEngine} is table-driven Java, about half of FF1's time when numbering a batch
 * of shipments and not constant-time; the JDK's AES runs on the CPU's AES instructions. FF1 only ever calls the
 * forward cipher (SP 800-38G's PRF is a CBC-MAC), so decryption is refused rather than implemented. Not thread-safe,
 * like any {@code BlockCipher}: one per FF1 engine.
 */
final class JdkAes implements BlockCipher {
  private static final int BLOCK = 16;
  private Cipher cipher;

  @Override
  public void init(boolean forEncryption, CipherParameters params) {
    if (!forEncryption || !(params instanceof KeyParameter key)) {
      throw new IllegalArgumentException("JdkAes only encrypts, under a KeyParameter");
    }
    try {
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getKey(), "AES"));
      this.cipher = c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is unavailable", e);
    }
  }

  @Override
  public String getAlgorithmName() {
    return "AES";
  }

  @Override
  public int getBlockSize() {
    return BLOCK;
  }

  @Override
  public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
    try {
      // ECB without padding keeps no state between blocks: update() encrypts exactly this block.
      return cipher.update(in, inOff, BLOCK, out, outOff);
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("output buffer too short", e);
    }
  }

  @Override
  public void reset() {
    // nothing buffered between blocks
  }
}
