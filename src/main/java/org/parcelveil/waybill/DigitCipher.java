package org.parcelveil.waybill;

import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * FF1 (NIST SP 800-38G) over decimal digits under one key and tweak, with Bouncy Castle's engine over the JDK's AES
 * ({@link JdkAes}).
 *
 * <p>An {@link FPEFF1Engine} keeps state between calls, so each thread gets its own pair of engines; creating them
 * costs one AES key schedule per thread and direction, once.
 */
final class DigitCipher {
  private final FPEParameters parameters;
  private final ThreadLocal<FPEFF1Engine> encryptor;
  private final ThreadLocal<FPEFF1Engine> decryptor;

  DigitCipher(byte[] key, byte[] tweak) {
    // KeyParameter and FPEParameters copy their arrays; both are immutable and safe to share between engines.
    this.parameters = new FPEParameters(new KeyParameter(key), 10, tweak);
    this.encryptor = ThreadLocal.withInitial(() -> engine(true));
    this.decryptor = ThreadLocal.withInitial(() -> engine(false));
  }

  /** Encrypts {@code length} digit values (0-9, not ASCII) from {@code in} into {@code out}. */
  void encrypt(byte[] in, byte[] out, int length) {
    encryptor.get().processBlock(in, 0, length, out, 0);
  }

  /** Decrypts {@code length} digit values (0-9, not ASCII) from {@code in} into {@code out}. */
  void decrypt(byte[] in, byte[] out, int length) {
    decryptor.get().processBlock(in, 0, length, out, 0);
  }

  private FPEFF1Engine engine(boolean forEncryption) {
    FPEFF1Engine engine = new FPEFF1Engine(new JdkAes());
    engine.init(forEncryption, parameters);
    return engine;
  }

  @Override
  public String toString() {
    return "DigitCipher[FF1, radix 10]";
  }
}
