package org.parcelveil.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
  private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  /** RFC 6238 appendix B, SHA-1: the 8-digit values; our 6-digit codes are their last six digits. */
  @ParameterizedTest
  @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
      "2000000000, 69279037", "20000000000, 65353130"})
  void rfc6238Vectors_match(long seconds, String eightDigits) {
    assertThat(Totp.hotp(RFC_SECRET, seconds / 30, 8)).isEqualTo(eightDigits);
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(seconds))).isEqualTo(eightDigits.substring(2));
  }

  @Test
  void codeOfNeighbouringStep_isAccepted_furtherAway_isNot() {
    Instant now = Instant.ofEpochSecond(1_700_000_000L);
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(30)), now)).isTrue();
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.plusSeconds(30)), now)).isTrue();
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(90)), now)).isFalse();
    assertThat(Totp.verify(RFC_SECRET, "12345", now)).isFalse();
    assertThat(Totp.verify(RFC_SECRET, null, now)).isFalse();
  }

  @Test
  void base32_followsRfc4648() {
    assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    assertThat(Totp.base32(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  }

  @Test
  void otpauthUri_namesAlgorithmDigitsAndPeriod() {
    assertThat(Totp.otpauthUri("ParcelVeil", "ada", RFC_SECRET)).isEqualTo("otpauth://totp/ParcelVeil:ada?secret="
        + "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ParcelVeil&algorithm=SHA1&digits=6&period=30");
  }
}
