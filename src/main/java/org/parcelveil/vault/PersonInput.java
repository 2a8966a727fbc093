package org.parcelveil.vault;

import org.parcelveil.validation.Check;

/**
 * A person as a client sends it ({@code Party} in the API), before validation. Prints as {@code [REDACTED]} so a
 * failed request logged by accident leaks nothing.
 */
public record PersonInput(String name, String phone, AddressInput address) {

  /** The address part of {@link PersonInput}. */
  public record AddressInput(String province, String city, String district, String street, String detail) {
    @Override
    public String toString() {
      return "AddressInput[REDACTED]";
    }
  }

  /**
   * Validates and normalises; errors go to {@code check} under {@code prefix} (e.g. {@code recipient}). The phone
   * must be a mobile: a recipient receives codes and texts on it.
   */
  public Person validate(Check check, String prefix) {
    return validate(check, prefix, false);
  }

  /** As {@link #validate}, for a sender: a mainland landline is accepted too (a shop's desk phone). */
  public Person validateSender(Check check, String prefix) {
    return validate(check, prefix, true);
  }

  private Person validate(Check check, String prefix, boolean landline) {
    String n = check.text(prefix + ".name", name, 1, 64);
    Phone p = check.nested("", () -> landline ? Phone.parseMobileOrLandline(prefix + ".phone", phone)
        : Phone.parse(prefix + ".phone", phone));
    if (address == null) {
      check.fail(prefix + ".address", "is required");
      return null;
    }
    Area area = Area.parse(check, prefix + ".address", address.province, address.city, address.district);
    String street = check.text(prefix + ".address.street", address.street, 0, 100);
    String detail = check.text(prefix + ".address.detail", address.detail, 1, 200);
    if (n == null || p == null || area == null || detail == null || !check.ok()) {
      return null;
    }
    return new Person(Sensitive.of(n), p,
        new Address(area, street == null || street.isEmpty() ? null : Sensitive.of(street), Sensitive.of(detail)));
  }

  @Override
  public String toString() {
    return "PersonInput[REDACTED]";
  }
}
