package org.parcelveil.waybill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known answers from NIST SP 800-38G's FF1 samples (AES-256, radix 10: samples 7 and 8). */
class DigitCipherTest {
  private static final byte[] NIST_KEY =
      HexFormat.of().parseHex("2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94");

  @ParameterizedTest
  @CsvSource({
    "'', 0123456789, 6657667009",
    "39383736353433323130, 0123456789, 1001623463",
  })
  void nistSample_encryptsToPublishedCiphertext(String tweakHex, String plain, String cipher) {
    byte[] tweak = HexFormat.of().parseHex(tweakHex);
    DigitCipher ff1 = new DigitCipher(NIST_KEY, tweak);
    byte[] out = new byte[plain.length()];

    ff1.encrypt(digits(plain), out, plain.length());
    assertThat(text(out)).isEqualTo(cipher);

    ff1.decrypt(digits(cipher), out, cipher.length());
    assertThat(text(out)).isEqualTo(plain);
  }

  @Test
  void nistSample_bouncyCastleEngineUsedDirectly_agrees() {
    FPEFF1Engine engine = new FPEFF1Engine();
    engine.init(true, new FPEParameters(new KeyParameter(NIST_KEY), 10, new byte[0]));
    byte[] out = new byte[10];

    engine.processBlock(digits("0123456789"), 0, 10, out, 0);

    assertThat(text(out)).isEqualTo("6657667009");
  }

  @Test
  void jdkAes_askedToDecrypt_refuses() {
    // FF1 needs only the forward cipher; an engine that asked for the inverse would be a misuse worth hearing about.
    assertThatThrownBy(() -> new JdkAes().init(false, new KeyParameter(NIST_KEY)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void engine_reusedForManyBlocks_staysCorrect() {
    DigitCipher ff1 = new DigitCipher(NIST_KEY, new byte[0]);
    byte[] out = new byte[10];
    for (int i = 0; i < 50; i++) {
      ff1.encrypt(digits("0123456789"), out, 10);
      assertThat(text(out)).isEqualTo("6657667009");
    }
  }

  @Test
  void toString_showsNoKey() {
    assertThat(new DigitCipher(NIST_KEY, new byte[0]).toString())
        .doesNotContainIgnoringCase("2B7E15");
  }

  private static byte[] digits(String s) {
    byte[] d = new byte[s.length()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) (s.charAt(i) - '0');
    }
    return d;
  }

  private static String text(byte[] digits) {
    StringBuilder b = new StringBuilder();
    for (byte d : digits) {
      b.append((char) ('0' + d));
    }
    return b.toString();
  }
}
