package org.parcelveil.vault;

import java.util.regex.Pattern;
import org.parcelveil.validation.ValidationException;

/**
 * A phone number, normalised to E.164 ({@code +8613812345678}). Mainland mobile numbers are accepted with or
 * without {@code +86}/{@code 0086}; other countries in E.164. Prints as {@code [REDACTED]}.
 */
public final class Phone {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
  private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

  private final Sensitive e164;

  private Phone(String e164) {
    this.e164 = Sensitive.of(e164);
  }

  /** Parses a phone as typed; the error names the field, never the number. */
  public static Phone parse(String field, String input) {
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
    if (MAINLAND_MOBILE.matcher(s).matches()) {
      return new Phone("+86" + s);
    }
    if (s.startsWith("+86")) {
      if (MAINLAND_MOBILE.matcher(s.substring(3)).matches()) {
        return new Phone(s);
      }
      throw ValidationException.of(field, "is not a valid mainland China mobile number");
    }
    if (E164.matcher(s).matches()) {
      return new Phone(s);
    }
    throw ValidationException.of(field, "must be a mainland China mobile number or an international number in E.164 form");
  }

  /** Restores a phone already normalised (from storage). */
  public static Phone ofNormalised(String e164) {
    return new Phone(e164);
  }

  /** The E.164 form. A disclosure point. */
  public String reveal() {
    return e164.reveal();
  }

  /** The form people dial: national 11 digits for mainland mobiles, E.164 otherwise. A disclosure point. */
  public String revealForDisplay() {
    String v = e164.reveal();
    return v.startsWith("+86") ? v.substring(3) : v;
  }

  /** The last four digits, for the recipient's authenticity check. */
  public String lastFour() {
    String v = e164.reveal();
    return v.substring(v.length() - 4);
  }

  /** Every digit but the last four hidden: {@code *******5678}. */
  public String masked() {
    String display = revealForDisplay().replace("+", "");
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
