package org.parcelveil.vault;

import java.util.regex.Pattern;
import org.parcelveil.validation.ValidationException;

/**
 * A phone number, normalised to E.164 ({@code +8613812345678}). Mainland mobile numbers are accepted with or
 * without {@code +86}/{@code 0086}; other countries in E.164. A mainland landline ({@code 0571-88886666}) only where
 * the caller asks for it ({@link #parseMobileOrLandline}: senders, whose shop may well answer a desk phone), never for
 * recipients, who must receive codes and texts. Prints as {@code [REDACTED]}.
 */
public final class Phone {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
  private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
  private static final int LANDLINE_HIDDEN = 6;

  private final Sensitive e164;

  private Phone(String e164) {
    this.e164 = Sensitive.of(e164);
  }

  /** Parses a phone that must receive texts (a mobile) as typed; the error names the field, never the number. */
  public static Phone parse(String field, String input) {
    return parse(field, input, false);
  }

  /**
   * Parses a phone as {@link #parse} does, and also a mainland landline in any usual form ({@code 0571-88886666},
   * {@code 057188886666}, {@code +86 571 8888 6666}), normalised to E.164 like any other number.
   */
  public static Phone parseMobileOrLandline(String field, String input) {
    return parse(field, input, true);
  }

  private static Phone parse(String field, String input, boolean landline) {
    if (input == null || input.isBlank()) {
      throw ValidationException.of(field, "is required");
    }
    if (input.length() > 32) {
      throw ValidationException.of(field, "is too long for a phone number");
    }
    String s = SEPARATORS.matcher(input.strip()).replaceAll("");
    if (s.startsWith("00")) {
      s = "+" + s.substring(2);
    }
    if (landline && Landline.isNational(s)) {
      return new Phone("+86" + s.substring(1));
    }
    if (landline && s.startsWith("+86") && Landline.isNational("0" + s.substring(3))) {
      return new Phone(s);
    }
    if (MAINLAND_MOBILE.matcher(s).matches()) {
      return new Phone("+86" + s);
    }
    if (s.startsWith("+86")) {
      if (MAINLAND_MOBILE.matcher(s.substring(3)).matches()) {
        return new Phone(s);
      }
      throw ValidationException.of(field, landline ? "is not a valid mainland China mobile or landline number"
          : "is not a valid mainland China mobile number");
    }
    if (E164.matcher(s).matches()) {
      return new Phone(s);
    }
    throw ValidationException.of(field, landline
        ? "must be a mainland China mobile or landline number (0571-88886666) or an international number in E.164 form"
        : "must be a mainland China mobile number or an international number in E.164 form");
  }

  /** Restores a phone already normalised (from storage). */
  public static Phone ofNormalised(String e164) {
    return new Phone(e164);
  }

  /** The E.164 form. A disclosure point. */
  public String reveal() {
    return e164.reveal();
  }

  /**
   * The form people dial: national 11 digits for mainland mobiles, area code and number for mainland landlines
   * ({@code 0571-88886666}), E.164 otherwise. A disclosure point.
   */
  public String revealForDisplay() {
    String v = e164.reveal();
    if (isLandline()) {
      String national = "0" + v.substring(3);
      return national.substring(0, Landline.areaCodeLength(national)) + "-"
          + national.substring(Landline.areaCodeLength(national));
    }
    return v.startsWith("+86") ? v.substring(3) : v;
  }

  /** True for a mainland landline, which cannot receive codes or texts. */
  public boolean isLandline() {
    String v = e164.reveal();
    return v.startsWith("+86") && !MAINLAND_MOBILE.matcher(v.substring(3)).matches();
  }

  /** The last four digits, for the recipient's authenticity check. */
  public String lastFour() {
    String v = e164.reveal();
    return v.substring(v.length() - 4);
  }

  /**
   * Every digit but the last four hidden: {@code *******5678}. A landline keeps its area code, which names a city
   * the label shows anyway, so a person can tell a shop's desk phone from a mobile; of its local number six digits
   * are hidden, as GB/T 41833 asks of every phone on a label: {@code 0571-******66}.
   */
  public String masked() {
    String display = revealForDisplay().replace("+", "");
    if (isLandline()) {
      int dash = display.indexOf('-');
      String local = display.substring(dash + 1);
      return display.substring(0, dash + 1) + "*".repeat(LANDLINE_HIDDEN) + local.substring(LANDLINE_HIDDEN);
    }
    return "*".repeat(display.length() - 4) + display.substring(display.length() - 4);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Phone p && p.e164.equals(e164);
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
