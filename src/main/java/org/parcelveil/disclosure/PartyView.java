package org.parcelveil.disclosure;

import org.parcelveil.vault.Person;

/** A person in plain form, as a reveal returns it. Never printed. */
public record PartyView(String name, String phone, AddressView address) {

  public record AddressView(String province, String city, String district, String street, String detail) {
    @Override
    public String toString() {
      return "AddressView[REDACTED]";
    }
  }

  /** The one place plain personal data is turned into a response. */
  static PartyView of(Person p) {
    var a = p.address();
    return new PartyView(p.name().reveal(), p.phone().revealForDisplay(),
        new AddressView(a.area().province(), a.area().city(), a.area().district(),
            a.street() == null ? null : a.street().reveal(), a.detail().reveal()));
  }

  @Override
  public String toString() {
    return "PartyView[REDACTED]";
  }
}
