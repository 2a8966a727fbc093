package org.parcelveil.vault;

import java.util.regex.Pattern;

/**
 * The shape of a mainland China landline in national form: a trunk {@code 0}, an area code, and a local number of 7
 * or 8 digits that starts with 2-9. Area codes are 3 digits for Beijing ({@code 010}) and the {@code 02x} cities,
 * 4 digits everywhere else, so the digits alone say where the area code ends, with or without a hyphen.
 */
final class Landline {
  private static final Pattern SHORT_AREA = Pattern.compile("0[12]\\d[2-9]\\d{7}");
  private static final Pattern LONG_AREA = Pattern.compile("0[3-9]\\d{2}[2-9]\\d{6,7}");

  private Landline() {}

  /** True if the digits (separators removed) are a landline in national form, such as {@code 057188886666}. */
  static boolean isNational(String digits) {
    return SHORT_AREA.matcher(digits).matches() || LONG_AREA.matcher(digits).matches();
  }

  /** The length of the area code, trunk {@code 0} included, of a national landline. */
  static int areaCodeLength(String national) {
    return national.charAt(1) == '1' || national.charAt(1) == '2' ? 3 : 4;
  }
}
