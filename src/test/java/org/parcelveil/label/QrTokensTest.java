package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrTokensTest {
  private static final String WAYBILL = "PV20261129000417K";
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private final QrTokens tokens = TestLabels.TOKENS;

  @Test
  void issue_thenResolve_givesTheWaybill() {
    String token = tokens.issue(WAYBILL);
    assertThat(tokens.resolve(token)).contains(WAYBILL);
    assertThat(tokens.check(token)).isEqualTo(new TokenCheck.Valid(WAYBILL, 2));
  }

  @Test
  void token_isShortAndCarriesNothingButTheWaybill() {
    assertThat(tokens.issue(WAYBILL)).hasSize(47).matches("[A-Za-z0-9_-]+");
    assertThat(tokens.issue("A".repeat(24))).hasSizeLessThan(60);
  }

  @Test
  void token_hasTheDocumentedLayout() throws Exception {
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.issue(WAYBILL));
    int tagAt = bytes.length - 16;
    assertThat(bytes[0]).isEqualTo((byte) 1);
    assertThat(bytes[1]).isEqualTo((byte) 2);
    assertThat(new String(bytes, 2, tagAt - 2, StandardCharsets.US_ASCII)).isEqualTo(WAYBILL);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestLabels.KEY_2, "HmacSHA256"));
    mac.update("parcelveil/label-qr/v1".getBytes(StandardCharsets.US_ASCII));
    mac.update(bytes, 0, tagAt);
    assertThat(Arrays.copyOfRange(bytes, tagAt, bytes.length)).isEqualTo(Arrays.copyOf(mac.doFinal(), 16));
  }

  @Test
  void everyAlteredCharacter_isRejected() {
    String token = tokens.issue(WAYBILL);
    for (int i = 0; i < token.length(); i++) {
      for (char c : ALPHABET.toCharArray()) {
        if (c != token.charAt(i)) {
          String altered = token.substring(0, i) + c + token.substring(i + 1);
          assertThat(tokens.resolve(altered)).as("position %d as %c", i, c).isEmpty();
        }
      }
    }
  }

  @Test
  void everyAlteredBit_isRejected() {
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.issue(WAYBILL));
    for (int i = 0; i < bytes.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] altered = bytes.clone();
        altered[i] ^= (byte) (1 << bit);
        assertThat(tokens.resolve(encode(altered))).as("byte %d bit %d", i, bit).isEmpty();
      }
    }
  }

  @Test
  void truncatedOrExtendedToken_isRejected() {
    String token = tokens.issue(WAYBILL);
    assertThat(tokens.resolve(token.substring(0, token.length() - 1))).isEmpty();
    assertThat(tokens.resolve(token + "A")).isEmpty();
    assertThat(tokens.resolve(token.substring(1))).isEmpty();
  }

  @Test
  void oldKeyTokens_stillResolveAfterRotation_whileTheOldKeyIsKept() {
    QrTokens beforeRotation = new QrTokens(Map.of(1, TestLabels.KEY_1), 1);
    String old = beforeRotation.issue(WAYBILL);
    QrTokens afterRotation = new QrTokens(Map.of(1, TestLabels.KEY_1, 2, TestLabels.KEY_2), 2);
    assertThat(afterRotation.check(old)).isEqualTo(new TokenCheck.Valid(WAYBILL, 1));
    assertThat(afterRotation.check(afterRotation.issue(WAYBILL))).isEqualTo(new TokenCheck.Valid(WAYBILL, 2));
    QrTokens oldKeyDropped = new QrTokens(Map.of(2, TestLabels.KEY_2), 2);
    assertThat(oldKeyDropped.check(old)).isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.UNKNOWN_KEY));
  }

  @Test
  void unknownKeyId_isRejected() {
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.issue(WAYBILL));
    bytes[1] = 7;
    assertThat(tokens.check(encode(bytes))).isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.UNKNOWN_KEY));
  }

  @Test
  void tokenUnderAnotherKeyWithTheSameId_isRejected() {
    byte[] otherKey = new byte[32];
    String forged = new QrTokens(Map.of(2, otherKey), 2).issue(WAYBILL);
    assertThat(tokens.check(forged)).isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.BAD_TAG));
  }

  @Test
  void unknownVersion_isRejected() {
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.issue(WAYBILL));
    bytes[0] = 2;
    assertThat(tokens.check(encode(bytes))).isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.UNSUPPORTED_VERSION));
  }

  @Test
  void link_resolvesLikeTheBareToken() {
    String token = tokens.issue(WAYBILL);
    assertThat(tokens.resolve(QrTokens.link("https://check.parcelveil.cn", token))).contains(WAYBILL);
    assertThat(tokens.resolve("https://check.parcelveil.cn/c/" + token + "/")).contains(WAYBILL);
    assertThat(tokens.resolve("http://localhost:8080/app/c/" + token)).contains(WAYBILL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "!!!!", "AQ", "https://check.parcelveil.cn/c/", "https://x/c/TOKEN?x=1",
      "ftp://x/c/AQJQVjIwMjYxMTI5MDAwNDE3SxROCIk6nGm7477E_M_1VDM", "AQJQVjIwMjYxMTI5MDAwNDE3SxROCIk6nGm7477E_M_1VDM=="})
  void malformedInput_isRejected(String input) {
    assertThat(tokens.check(input)).isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.MALFORMED));
  }

  @Test
  void nullAndHugeInput_areRejected() {
    assertThat(tokens.resolve(null)).isEqualTo(Optional.empty());
    assertThat(tokens.resolve("A".repeat(10_000))).isEmpty();
  }

  @Test
  void constructor_refusesWeakOrMissingKeys() {
    assertThatThrownBy(() -> new QrTokens(Map.of(1, new byte[8]), 1)).hasMessageContaining("at least 16 bytes");
    assertThatThrownBy(() -> new QrTokens(Map.of(256, new byte[32]), 256)).hasMessageContaining("0 to 255");
    assertThatThrownBy(() -> new QrTokens(Map.of(1, new byte[32]), 2)).hasMessageContaining("has no key");
    assertThat(tokens.toString()).doesNotContain(Arrays.toString(TestLabels.KEY_1));
  }

  @Test
  void issue_refusesWhatIsNotAWaybill() {
    assertThatThrownBy(() -> tokens.issue("pv-123")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
