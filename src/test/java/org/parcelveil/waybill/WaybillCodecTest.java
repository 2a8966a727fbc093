package org.parcelveil.waybill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WaybillCodecTest {
  private static final long MAX = 99_999_999_999_999L;
  private final WaybillCodec codec = TestKeys.codec();

  @Test
  void encode_hasPrefixFourteenDigitsAndCheckCharacter() {
    String number = codec.encode(42);

    assertThat(number).matches("PV[0-9]{14}[0-9A-Z]");
    assertThat(CheckCharacter.isValid(number)).isTrue();
  }

  @Test
  void decode_ofEncode_returnsCounter_atEdgesAndRandomly() {
    SplittableRandom random = new SplittableRandom(3);
    long[] edges = {0, 1, 9, 10, 999, 1000, 1L << 32, MAX - 1, MAX};
    for (long c : edges) {
      assertThat(codec.decode(codec.encode(c))).hasValue(c);
    }
    for (int i = 0; i < 5_000; i++) {
      long c = random.nextLong(MAX + 1);
      assertThat(codec.decode(codec.encode(c))).as("counter %d", c).hasValue(c);
    }
  }

  @Test
  void encode_isDeterministicAndDependsOnKeyAndPrefix() {
    assertThat(codec.encode(7)).isEqualTo(TestKeys.codec().encode(7));
    assertThat(new WaybillCodec("PV", TestKeys.key(2)).encode(7).substring(2, 16))
        .isNotEqualTo(codec.encode(7).substring(2, 16));
    assertThat(new WaybillCodec("PX", TestKeys.key(1)).encode(7).substring(2, 16))
        .isNotEqualTo(codec.encode(7).substring(2, 16));
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 100_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE})
  void encode_counterOutOfRange_fails(long counter) {
    assertThatThrownBy(() -> codec.encode(counter))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Long.toString(counter));
  }

  @Test
  void decode_acceptsLowerCaseAndSurroundingSpace() {
    String number = codec.encode(123);

    assertThat(codec.decode("  " + number.toLowerCase() + "\t\n")).hasValue(123);
    assertThat(codec.decode(new Waybill(number))).hasValue(123);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
    " ", "PV", "PV0000000000000", "PV000000000000000", "PV00000000000000000", "XX00000000000000A",
    "PV 0000000000000 0", "PV-0000000000000-0", "PV0000000000000*", "P V000000000000000",
  })
  void decode_malformed_isEmpty(String text) {
    assertThat(codec.decode(text)).isEmpty();
  }

  @Test
  void decode_hugeInput_isEmpty() {
    assertThat(codec.decode("PV" + "1".repeat(1_000_000))).isEmpty();
  }

  @Test
  void decode_unicodeLookAlikes_areRejected() {
    String number = codec.encode(5);
    // U+017F LATIN SMALL LETTER LONG S upper-cases to 'S'; fullwidth digits are digits to Character.isDigit.
    String fullwidth = number.substring(0, 2) + (char) ('\uFF10' + (number.charAt(2) - '0')) + number.substring(3);
    String dotless = "\u0131" + number.substring(1);

    assertThat(codec.decode(fullwidth)).isEmpty();
    assertThat(codec.decode(dotless)).isEmpty();
    assertThat(new WaybillCodec("SV", TestKeys.key(1)).decode("\u017F" + number.substring(1))).isEmpty();
  }

  @Test
  void decode_numberOfAnotherPrefix_doesNotCrossValidate() {
    WaybillCodec other = new WaybillCodec("PX", TestKeys.key(1));
    int issued = 2_000;
    for (int c = 0; c < issued; c++) {
      String number = codec.encode(c);
      String relabelled = "PX" + number.substring(2, 16);
      relabelled += CheckCharacter.compute(relabelled);

      assertThat(other.decode(number)).isEmpty();
      // The prefix is the FF1 tweak: the same digits decrypt to an unrelated counter, far beyond those issued.
      OptionalLong decoded = other.decode(relabelled);
      assertThat(decoded).isPresent();
      assertThat(decoded.getAsLong()).isGreaterThanOrEqualTo(issued);
    }
  }

  @Test
  void isWellFormed_checksShapePrefixAndCheckCharacter() {
    String number = codec.encode(99);
    char wrongCheck = number.charAt(16) == 'A' ? 'B' : 'A';

    assertThat(WaybillCodec.isWellFormed(number, "PV")).isTrue();
    assertThat(WaybillCodec.isWellFormed(" " + number.toLowerCase(), "PV")).isTrue();
    assertThat(WaybillCodec.isWellFormed(number, "PX")).isFalse();
    assertThat(WaybillCodec.isWellFormed(number.substring(0, 16) + wrongCheck, "PV")).isFalse();
    assertThat(WaybillCodec.isWellFormed(null, "PV")).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"pv", "ABCDE", "P1", "P V", "\u00C9", "\u017F"})
  void constructor_badPrefix_failsNamingIt(String prefix) {
    assertThatThrownBy(() -> new WaybillCodec(prefix, TestKeys.key(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> WaybillCodec.isWellFormed("PV00000000000000A", prefix))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "ZZ", "ABC", "WXYZ"})
  void otherPrefixLengths_roundTrip(String prefix) {
    WaybillCodec c = new WaybillCodec(prefix, TestKeys.key(1));
    String number = c.encode(31337);

    assertThat(number).hasSize(prefix.length() + 15).startsWith(prefix);
    assertThat(c.decode(number)).hasValue(31337);
    assertThat(WaybillCodec.isWellFormed(number, prefix)).isTrue();
  }

  @Test
  void constructor_keyOfWrongLength_fails() {
    assertThatThrownBy(() -> new WaybillCodec("PV", new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void rotation_oldNumbersStillDecode_newCountersUseNewKey() {
    WaybillKey v1 = new WaybillKey(1, 0, TestKeys.key(1));
    WaybillKey v2 = new WaybillKey(2, 1_000, TestKeys.key(2));
    WaybillCodec before = new WaybillCodec("PV", List.of(v1));
    WaybillCodec after = new WaybillCodec("PV", List.of(v2, v1));

    for (long c = 0; c < 1_000; c += 37) {
      String old = before.encode(c);
      assertThat(after.encode(c)).isEqualTo(old);
      assertThat(after.decode(old)).hasValue(c);
    }
    WaybillCodec onlyV2 = new WaybillCodec("PV", List.of(new WaybillKey(2, 0, TestKeys.key(2))));
    for (long c = 1_000; c < 3_000; c += 41) {
      String fresh = after.encode(c);
      assertThat(fresh).isEqualTo(onlyV2.encode(c));
      assertThat(after.decode(fresh)).hasValue(c);
    }
  }

  @Test
  void rotation_counterBelowOldestKey_cannotBeEncoded() {
    WaybillCodec c = new WaybillCodec("PV", List.of(new WaybillKey(3, 500, TestKeys.key(3))));

    assertThatThrownBy(() -> c.encode(499)).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.decode(c.encode(500))).hasValue(500);
  }

  @Test
  void rotation_duplicateVersionsOrStarts_fail() {
    assertThatThrownBy(() -> new WaybillCodec("PV", List.of(
            new WaybillKey(1, 0, TestKeys.key(1)), new WaybillKey(1, 10, TestKeys.key(2)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 1");
    assertThatThrownBy(() -> new WaybillCodec("PV", List.of(
            new WaybillKey(1, 0, TestKeys.key(1)), new WaybillKey(2, 0, TestKeys.key(2)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("counter 0");
    assertThatThrownBy(() -> new WaybillCodec("PV", List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_ofKeyHoldingTypes_showsNoKeyBytes() {
    byte[] key = TestKeys.key(1);
    WaybillKey k = new WaybillKey(1, 0, key);
    String hex = HexFormat.of().formatHex(key);
    String decimal = java.util.Arrays.toString(key);

    for (String shown : List.of(k.toString(), codec.toString(),
        new WaybillCodec("PV", List.of(k)).toString())) {
      assertThat(shown).doesNotContainIgnoringCase(hex.substring(0, 8)).doesNotContain(decimal.substring(1, 12));
    }
    assertThat(k.toString()).isEqualTo("WaybillKey[version=1, firstCounter=0, key=***]");
    assertThat(codec.toString()).isEqualTo("WaybillCodec[prefix=PV, keys=v1 from 0]");
  }

  @Test
  void waybillKey_copiesKeyInAndOut() {
    byte[] key = TestKeys.key(1);
    WaybillKey k = new WaybillKey(1, 0, key);
    key[0]++;
    k.key()[1]++;

    assertThat(k.key()).isEqualTo(TestKeys.key(1));
    assertThat(k).isEqualTo(new WaybillKey(1, 0, TestKeys.key(1))).isNotEqualTo(new WaybillKey(1, 0, key));
  }
}
