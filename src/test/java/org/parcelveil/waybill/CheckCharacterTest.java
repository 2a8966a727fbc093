package org.parcelveil.waybill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CheckCharacterTest {
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  @Test
  void operation_isQuasigroup_everyRowAndColumnAPermutation() {
    for (int fixed = 0; fixed < 36; fixed++) {
      boolean[] row = new boolean[36];
      boolean[] column = new boolean[36];
      for (int x = 0; x < 36; x++) {
        row[CheckCharacter.step(fixed, x)] = true;
        column[CheckCharacter.step(x, fixed)] = true;
      }
      for (int v = 0; v < 36; v++) {
        assertThat(row[v]).as("row %d misses %d", fixed, v).isTrue();
        assertThat(column[v]).as("column %d misses %d", fixed, v).isTrue();
      }
    }
  }

  @Test
  void operation_isTotallyAntiSymmetric_forEveryStateAndPair() {
    for (int s = 0; s < 36; s++) {
      for (int a = 0; a < 36; a++) {
        for (int b = 0; b < 36; b++) {
          if (a != b) {
            int ab = CheckCharacter.step(CheckCharacter.step(s, a), b);
            int ba = CheckCharacter.step(CheckCharacter.step(s, b), a);
            assertThat(ab).as("state %d, %d%d", s, a, b).isNotEqualTo(ba);
          }
        }
      }
    }
  }

  @Test
  void checkFor_closesEveryState() {
    for (int s = 0; s < 36; s++) {
      assertThat(CheckCharacter.step(s, CheckCharacter.value(CheckCharacter.checkFor(s)))).isZero();
    }
  }

  @Test
  void compute_knownAnswers_stayStable() {
    // Pinned so that the scheme cannot change silently under numbers already printed on labels.
    assertThat(CheckCharacter.compute("PV00000000000000")).isEqualTo(KNOWN_ZERO);
    assertThat(CheckCharacter.compute("PV12345678901234")).isEqualTo(KNOWN_SEQUENCE);
    assertThat(CheckCharacter.compute("A")).isEqualTo(CheckCharacter.checkFor(CheckCharacter.step(0, 10)));
  }

  @Test
  void everySingleSubstitutionAndAdjacentSwap_onRandomStringsOfAnyPrefix_isRejected() {
    SplittableRandom random = new SplittableRandom(7);
    int checked = 0;
    for (int n = 0; n < 2_000; n++) {
      StringBuilder body = new StringBuilder();
      int prefixLength = 1 + random.nextInt(4);
      for (int i = 0; i < prefixLength; i++) {
        body.append((char) ('A' + random.nextInt(26)));
      }
      for (int i = 0; i < 14; i++) {
        body.append((char) ('0' + random.nextInt(10)));
      }
      String valid = body.toString() + CheckCharacter.compute(body);
      assertThat(CheckCharacter.isValid(valid)).isTrue();
      for (String wrong : singleErrors(valid)) {
        assertThat(CheckCharacter.isValid(wrong)).as("%s from %s", wrong, valid).isFalse();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2_000 * 16 * 35);
  }

  @Test
  void randomStrings_passWithProbabilityAboutOneIn36() {
    SplittableRandom random = new SplittableRandom(11);
    int valid = 0;
    int trials = 360_000;
    char[] text = new char[17];
    for (int n = 0; n < trials; n++) {
      for (int i = 0; i < text.length; i++) {
        text[i] = ALPHABET.charAt(random.nextInt(36));
      }
      if (CheckCharacter.isValid(new String(text))) {
        valid++;
      }
    }
    assertThat(valid).isBetween(9_400, 10_600);
  }

  /** Every single substitution (every position, every other symbol) and every adjacent swap of unequal symbols. */
  static List<String> singleErrors(String valid) {
    List<String> out = new ArrayList<>();
    char[] chars = valid.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char original = chars[i];
      for (int k = 0; k < ALPHABET.length(); k++) {
        char c = ALPHABET.charAt(k);
        if (c != original) {
          chars[i] = c;
          out.add(new String(chars));
        }
      }
      chars[i] = original;
    }
    for (int i = 0; i + 1 < chars.length; i++) {
      if (chars[i] != chars[i + 1]) {
        char t = chars[i];
        chars[i] = chars[i + 1];
        chars[i + 1] = t;
        out.add(new String(chars));
        chars[i + 1] = chars[i];
        chars[i] = t;
      }
    }
    return out;
  }

  private static final char KNOWN_ZERO = '5';
  private static final char KNOWN_SEQUENCE = 'N';
}
