package org.parcelveil.waybill;

/**
 * The text form of a waybill number, {@code <prefix><14 digits><check character>}: prefix rules, normalisation and
 * the shape check, none of which needs a key.
 */
final class WaybillFormat {
  static final int DIGITS = 14;
  /** 10^14: counters and the digit field both range over {@code [0, LIMIT)}. */
  static final long LIMIT = 100_000_000_000_000L;
  static final int MAX_PREFIX = 4;
  static final int MAX_LENGTH = MAX_PREFIX + DIGITS + 1;

  private WaybillFormat() {}

  /** Returns {@code prefix} when it is 1-4 upper-case ASCII letters, else throws naming the bad value. */
  static String requirePrefix(String prefix) {
    if (prefix == null || !isPrefix(prefix)) {
      throw new IllegalArgumentException("waybill prefix must be 1-4 upper-case ASCII letters: " + quote(prefix));
    }
    return prefix;
  }

  static boolean isPrefix(CharSequence s) {
    if (s.length() < 1 || s.length() > MAX_PREFIX) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  /**
   * The input trimmed and upper-cased, or null if it cannot be a waybill number at all (too long, or a character
   * outside ASCII letters and digits). Only ASCII is upper-cased on purpose: {@code "ſ".toUpperCase()} is
   * {@code "S"}, and look-alike letters must not turn into valid numbers.
   */
  static String normalize(String text) {
    if (text == null) {
      return null;
    }
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    if (length == 0 || length > MAX_LENGTH) {
      return null;
    }
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      char c = text.charAt(start + i);
      if (c >= 'a' && c <= 'z') {
        c = (char) (c - ('a' - 'A'));
      } else if (CheckCharacter.value(c) < 0) {
        return null;
      }
      out[i] = c;
    }
    return new String(out);
  }

  /**
   * True when {@code canonical} (already normalised) is {@code prefix}, 14 digits and a check character that
   * closes the whole string. {@code prefixState} is the check state after the prefix.
   */
  static boolean hasShape(String canonical, String prefix, int prefixState) {
    int p = prefix.length();
    if (canonical.length() != p + DIGITS + 1 || !canonical.startsWith(prefix)) {
      return false;
    }
    int s = prefixState;
    for (int i = p; i < p + DIGITS; i++) {
      char c = canonical.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      s = CheckCharacter.step(s, c - '0');
    }
    int check = CheckCharacter.value(canonical.charAt(p + DIGITS));
    return check >= 0 && CheckCharacter.step(s, check) == 0;
  }

  /** The prefix part of a canonical number of any prefix, or null if the text has no valid prefix. */
  static String prefixOf(String canonical) {
    int p = canonical.length() - DIGITS - 1;
    if (p < 1 || p > MAX_PREFIX) {
      return null;
    }
    String prefix = canonical.substring(0, p);
    return isPrefix(prefix) ? prefix : null;
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
  }
}
