package org.parcelveil.waybill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;

/** What a number trader or a typist meets: no collisions, no pattern, no guessable numbers, every typo caught. */
class WaybillNumberPropertiesTest {
  /** Chi-squared critical values at significance 0.001. */
  private static final double CHI2_DF9 = 27.877;
  private static final double CHI2_DF35 = 66.619;
  private static final double CHI2_DF99 = 148.230;

  private final WaybillCodec codec = TestKeys.codec();

  @Test
  void twoMillionConsecutiveCounters_giveDistinctNumbers() {
    int count = 2_000_000;
    long[] digits = IntStream.range(0, count).parallel()
        .mapToLong(c -> Long.parseLong(codec.encode(c), 2, 16, 10))
        .toArray();
    Arrays.sort(digits);
    for (int i = 1; i < count; i++) {
      assertThat(digits[i]).as("collision").isNotEqualTo(digits[i - 1]);
    }
  }

  @Test
  void consecutiveNumbers_showNoPattern_inLeadingSecondOrLastDigitOrCheckCharacter() {
    int count = 10_000;
    String[] numbers = IntStream.range(0, count).parallel().mapToObj(codec::encode).toArray(String[]::new);

    assertThat(chiSquared(numbers, n -> n.charAt(2) - '0', 10)).isLessThan(CHI2_DF9);
    assertThat(chiSquared(numbers, n -> n.charAt(3) - '0', 10)).isLessThan(CHI2_DF9);
    assertThat(chiSquared(numbers, n -> n.charAt(15) - '0', 10)).isLessThan(CHI2_DF9);
    assertThat(chiSquared(numbers, n -> CheckCharacter.value(n.charAt(16)), 36)).isLessThan(CHI2_DF35);

    // Successive numbers are independent: the pair (leading digit of n, leading digit of n + 1) is uniform.
    long[] pairs = new long[100];
    for (int i = 1; i < count; i++) {
      pairs[(numbers[i - 1].charAt(2) - '0') * 10 + numbers[i].charAt(2) - '0']++;
    }
    assertThat(chiSquared(pairs, count - 1)).isLessThan(CHI2_DF99);
  }

  @Test
  void everySingleSubstitutionAndAdjacentSwap_ofRealNumbers_isRejected() {
    SplittableRandom random = new SplittableRandom(5);
    int mutations = 0;
    for (int n = 0; n < 1_000; n++) {
      long counter = n < 2 ? n * 99_999_999_999_999L : random.nextLong(100_000_000_000_000L);
      String number = codec.encode(counter);
      for (String wrong : CheckCharacterTest.singleErrors(number)) {
        assertThat(CheckCharacter.isValid(wrong)).as("%s from %s", wrong, number).isFalse();
        assertThat(WaybillCodec.isWellFormed(wrong, "PV")).isFalse();
        assertThat(codec.decode(wrong)).as("%s from %s", wrong, number).isEmpty();
        mutations++;
      }
    }
    // 17 positions x 35 other symbols, plus up to 16 swaps, for each of the 1,000 numbers.
    assertThat(mutations).isGreaterThan(1_000 * 17 * 35);
  }

  @Test
  void randomWellFormedNumbers_areAlmostNeverIssued() throws Exception {
    int issued = 100_000;
    try (Database db = Database.open(TestDatabases.freshPostgres(), "main", 2)) {
      WaybillIssuer issuer = new WaybillIssuer(codec, new CounterLeases(db.dataSource()));
      List<Waybill> numbers = issuer.next(issued);
      assertThat(numbers).hasSize(issued);
      assertThat(codec.decode(numbers.get(issued - 1))).hasValue(issued - 1);
    }

    int guesses = 1_000_000;
    int chunk = 10_000;
    long hits = IntStream.range(0, guesses / chunk).parallel().mapToLong(part -> {
      SplittableRandom random = new SplittableRandom(1_000 + part);
      long valid = 0;
      StringBuilder body = new StringBuilder(17);
      for (int i = 0; i < chunk; i++) {
        body.setLength(0);
        body.append("PV");
        for (int d = 0; d < 14; d++) {
          body.append((char) ('0' + random.nextInt(10)));
        }
        String guess = body.append(CheckCharacter.compute(body)).toString();
        if (codec.decode(guess).orElseThrow() < issued) {
          valid++;
        }
      }
      return valid;
    }).sum();

    // Expected: 10^6 * 10^5 / 10^14 = 0.001 hits.
    assertThat(hits).isLessThanOrEqualTo(3);
  }

  private static double chiSquared(String[] numbers, java.util.function.ToIntFunction<String> bin, int bins) {
    long[] observed = new long[bins];
    for (String n : numbers) {
      observed[bin.applyAsInt(n)]++;
    }
    return chiSquared(observed, numbers.length);
  }

  private static double chiSquared(long[] observed, long total) {
    double expected = (double) total / observed.length;
    double sum = 0;
    for (long o : observed) {
      sum += (o - expected) * (o - expected) / expected;
    }
    return sum;
  }
}
