package org.parcelveil.shipment;

/**
 * A waybill number as a desk types or a scanner sends it: spaces anywhere (people group the digits as printed,
 * {@code PV 5855 3992 0934 29H}) and lower-case letters are allowed, as the waybill format allows them; only ASCII
 * letters are upper-cased, so a look-alike letter never turns into a valid number.
 */
public final class ScanNumber {
  /** The longest input worth looking up: a prefix of 4, 14 digits, a check character, and a few spaces. */
  public static final int MAX_TYPED = 40;
  /** How much of a typed value a message may quote back: a pasted page is never echoed whole. */
  static final int MAX_QUOTED = 24;

  private ScanNumber() {}

  /** The typed text without white space and with ASCII letters upper-cased; empty for nothing typed. */
  public static String normalize(String typed) {
    if (typed == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(typed.length(), MAX_TYPED));
    for (int i = 0; i < typed.length() && b.length() <= MAX_TYPED; i++) {
      char c = typed.charAt(i);
      if (Character.isWhitespace(c)) {
        continue;
      }
      b.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
    }
    return b.toString();
  }

  /** The typed number as a message may show it: normalised and cut to {@value #MAX_QUOTED} characters. */
  public static String quoted(String typed) {
    String n = normalize(typed);
    return n.length() <= MAX_QUOTED ? n : n.substring(0, MAX_QUOTED) + "…";
  }
}
