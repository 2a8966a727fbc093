package org.parcelveil.label;

import java.util.regex.Pattern;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Masked;

/**
 * A sender or recipient as a label may show them: masked name, masked phone and district-level area.
 *
 * <p>The checks are a last line of defence, not the masking itself (that is {@code vault.Masking}): they refuse
 * values that look unmasked, so a caller that passes a full name, phone or street by mistake gets an error rather
 * than a printed leak. Errors name the field, never the value.
 */
public record MaskedParty(String name, String phone, String area) {
  /** Latin initials as {@code vault.Masking} makes them: {@code J. S.}. */
  private static final Pattern INITIALS = Pattern.compile("\\p{L}\\.( \\p{L}\\.){0,3}");
  /** A masked phone: stars, a few visible digits, optional {@code +}, spaces or dashes. */
  private static final Pattern MASKED_PHONE = Pattern.compile("\\+?[0-9*][0-9* \\-]{5,19}");
  /**
   * The area code of a masked mainland landline ({@code 0571-******66}, see {@code vault.Phone}): it names a city,
   * which the label shows anyway, so only the local number after it is held to the digit rules.
   */
  private static final Pattern LANDLINE_AREA = Pattern.compile("^0\\d{2,3}-(?=[0-9*]{7,8}$)");
  private static final int MAX_VISIBLE_PHONE_DIGITS = 4;
  private static final int MIN_HIDDEN_PHONE_DIGITS = 6;

  public MaskedParty {
    name = LabelData.text("name", name, 12);
    phone = LabelData.text("phone", phone, 24);
    area = LabelData.text("area", area, 40);
    if (!INITIALS.matcher(name).matches() && (name.indexOf('*') < 0 || unmaskedLength(name) > 2)) {
      throw ValidationException.of("name", "must be masked (family name and stars, or initials)");
    }
    if (!MASKED_PHONE.matcher(phone).matches()) {
      throw ValidationException.of("phone", "must be masked: digits and '*' only");
    }
    String counted = LANDLINE_AREA.matcher(phone).replaceFirst("");
    long visible = counted.chars().filter(Character::isDigit).count();
    long hidden = counted.chars().filter(c -> c == '*').count();
    if (visible > MAX_VISIBLE_PHONE_DIGITS || hidden < MIN_HIDDEN_PHONE_DIGITS) {
      throw ValidationException.of("phone", "must be masked: at most " + MAX_VISIBLE_PHONE_DIGITS
          + " digits visible, at least " + MIN_HIDDEN_PHONE_DIGITS + " hidden");
    }
    // District is the finest grain a label shows; digits mean a street number, a building or a room.
    if (area.codePoints().anyMatch(Character::isDigit)) {
      throw ValidationException.of("area", "must be province, city and district only, without numbers");
    }
  }

  /** The label view of a person the vault has masked. */
  public static MaskedParty of(Masked masked) {
    return new MaskedParty(masked.name(), masked.phone(), masked.area());
  }

  private static int unmaskedLength(String s) {
    return (int) s.codePoints().filter(cp -> cp != '*' && !Character.isWhitespace(cp)).count();
  }

  @Override
  public String toString() {
    return "MaskedParty[area=" + area + "]";
  }
}
