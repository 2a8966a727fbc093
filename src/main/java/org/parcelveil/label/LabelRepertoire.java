package org.parcelveil.label;

import org.parcelveil.shipment.Printability;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.Person;

/**
 * What a label can print of a party, by the label font's glyphs and the label's own rules: the masked name and each
 * part of the area. The font is the repertoire, so a font with more scripts accepts more; a fixed allow-list would
 * either refuse what the font draws or accept what it cannot.
 */
final class LabelRepertoire implements Printability {
  private static final String CANNOT_PRINT = "has characters the label font cannot print";

  private final LabelFont font;

  LabelRepertoire(LabelFont font) {
    this.font = font;
  }

  @Override
  public void check(Check check, String prefix, Person person) {
    Masked masked = person.masked();
    Area area = person.address().area();
    boolean ok = printable(check, prefix + ".name", masked.name());
    ok &= areaPart(check, prefix + ".address.province", area.province());
    ok &= areaPart(check, prefix + ".address.city", area.city());
    ok &= areaPart(check, prefix + ".address.district", area.district());
    if (!ok) {
      return;
    }
    try {
      MaskedParty.of(masked);
    } catch (ValidationException e) {
      // The label's last line of defence would refuse this party: say so now, under the request's own names.
      for (FieldError err : e.errors()) {
        check.fail(prefix + "." + (err.field().equals("area") ? "address" : err.field()), err.message());
      }
    }
  }

  private boolean areaPart(Check check, String field, String text) {
    if (!printable(check, field, text)) {
      return false;
    }
    if (text.codePoints().anyMatch(Character::isDigit)) {
      check.fail(field, "must not contain numbers: a label shows nothing finer than the district");
      return false;
    }
    return true;
  }

  private boolean printable(Check check, String field, String text) {
    if (text.codePoints().anyMatch(LabelData::unprintable) || !font.covers(text)) {
      check.fail(field, CANNOT_PRINT);
      return false;
    }
    return true;
  }
}
