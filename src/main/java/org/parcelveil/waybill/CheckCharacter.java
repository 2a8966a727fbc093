package org.parcelveil.waybill;

/**
 * The check character of a waybill number: a Damm-style check over a totally anti-symmetric quasigroup of order 36,
 * computed over the whole number (prefix letters and digits alike).
 *
 * <p>Symbols are {@code 0-9} (values 0-9) and {@code A-Z} (values 10-35), so the check character is alphanumeric and
 * prints in Code 128 and reads aloud without special cases. Each value {@code v} stands for the pair
 * {@code (v & 3, v >> 2)} of the group {@code G = GF(4)+ x Z9}. With the automorphism
 * {@code phi(p, z) = (alpha * p, 2z mod 9)} ({@code alpha} a generator of GF(4)*), the operation is
 * {@code s * a = phi(s) + a}. Starting from state 0, every symbol of the number is folded in, and the check
 * character is the one symbol that brings the state back to 0; a number is valid when folding in all of it,
 * check character included, ends in 0.
 *
 * <p>Why it catches every single substitution: {@code *} is a quasigroup (for fixed {@code s}, {@code a -> s * a}
 * is a translation; for fixed {@code a}, {@code s -> s * a} is the automorphism phi followed by a translation), so
 * changing one symbol changes the state at that point, and every later step maps distinct states to distinct
 * states: the final state is no longer 0.
 *
 * <p>Why it catches every adjacent transposition {@code ab -> ba} ({@code a != b}): {@code (s * a) * b = phi^2(s)
 * + phi(a) + b} and {@code (s * b) * a = phi^2(s) + phi(b) + a} are equal only if {@code (phi - id)(a - b) = 0}.
 * {@code phi - id} is a bijection: in GF(4), {@code alpha - 1 = alpha^2 != 0}; in Z9, {@code 2 - 1 = 1} is a unit.
 * So {@code a = b} (Damm's construction: H. M. Damm, "Totally anti-symmetric quasigroups for all orders
 * n != 2, 6", Discrete Mathematics 307, 2007). The check character is just the last symbol of that string, so a
 * swap of the last digit with it is caught too.
 *
 * <p>Why not the alternatives: no automorphism of the cyclic group Z36 has {@code phi - id} bijective (a unit
 * {@code u} would need {@code u} and {@code u - 1} both odd), which is why the group is GF(4) x Z9. ISO/IEC 7064
 * MOD 37,36 misses some adjacent transpositions; MOD 37-2 catches all but needs a 37th symbol ({@code *}).
 */
final class CheckCharacter {
  static final int RADIX = 36;

  /** {@code STEP[s * 36 + a]} is {@code s * a}. */
  private static final byte[] STEP = new byte[RADIX * RADIX];
  /** {@code CHECK[s]} is the symbol {@code c} with {@code s * c = 0}. */
  private static final byte[] CHECK = new byte[RADIX];

  static {
    for (int s = 0; s < RADIX; s++) {
      int phi = phi(s);
      for (int a = 0; a < RADIX; a++) {
        int r = add(phi, a);
        STEP[s * RADIX + a] = (byte) r;
        if (r == 0) {
          CHECK[s] = (byte) a;
        }
      }
    }
  }

  private CheckCharacter() {}

  /** The state after folding symbol value {@code a} (0-35) into state {@code s}. */
  static int step(int s, int a) {
    return STEP[s * RADIX + a];
  }

  /** The check character that closes state {@code s}. */
  static char checkFor(int s) {
    return symbol(CHECK[s]);
  }

  /** The state after folding in every character of {@code text}, which must be upper-case alphanumeric. */
  static int fold(int s, CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      s = step(s, value(text.charAt(i)));
    }
    return s;
  }

  /** The check character of {@code body} (upper-case alphanumeric). */
  static char compute(CharSequence body) {
    return checkFor(fold(0, body));
  }

  /** True when {@code text} (upper-case alphanumeric, check character last) is closed by its check character. */
  static boolean isValid(CharSequence text) {
    return text.length() > 0 && fold(0, text) == 0;
  }

  /** The value 0-35 of an upper-case alphanumeric character, or -1 for anything else. */
  static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    return -1;
  }

  static char symbol(int value) {
    return (char) (value < 10 ? '0' + value : 'A' + value - 10);
  }

  private static int phi(int v) {
    int p = v & 3;
    int z = v >> 2;
    // GF(4) as a1*x + a0 modulo x^2 + x + 1; multiplying by x gives (a1 + a0)*x + a1.
    int hi = p >> 1;
    int lo = p & 1;
    int alphaP = ((hi ^ lo) << 1) | hi;
    return alphaP | (((2 * z) % 9) << 2);
  }

  private static int add(int u, int v) {
    int p = (u & 3) ^ (v & 3);
    int z = ((u >> 2) + (v >> 2)) % 9;
    return p | (z << 2);
  }
}
