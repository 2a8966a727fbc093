package org.parcelveil.waybill;

import java.util.Objects;

/**
 * A waybill number in canonical form ({@code <prefix><14 digits><check character>}, upper case), checked for shape
 * and check character but not for having been issued: that needs the key ({@link WaybillCodec#decode}).
 *
 * <p>Waybill numbers are not personal data, so {@link #toString()} is the number itself.
 */
public record Waybill(String value) {

  public Waybill {
    Objects.requireNonNull(value, "value");
    String prefix = WaybillFormat.prefixOf(value);
    if (prefix == null || !WaybillFormat.hasShape(value, prefix, CheckCharacter.fold(0, prefix))) {
      throw new IllegalArgumentException("not a waybill number: " + WaybillFormat.quote(value));
    }
  }

  /** Parses user input: surrounding white space is dropped and letters are upper-cased before the check. */
  public static Waybill parse(String text) {
    String canonical = WaybillFormat.normalize(text);
    if (canonical == null) {
      throw new IllegalArgumentException("not a waybill number: " + WaybillFormat.quote(text));
    }
    return new Waybill(canonical);
  }

  /** The letters before the digits, e.g. {@code PV}. */
  public String prefix() {
    return value.substring(0, value.length() - WaybillFormat.DIGITS - 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
