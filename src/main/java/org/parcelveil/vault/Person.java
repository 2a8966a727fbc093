package org.parcelveil.vault;

/** A sender or recipient: name, phone and address. Every personal part redacts itself when printed. */
public record Person(Sensitive name, Phone phone, Address address) {

  /** What a label, a masked view or a tracking page may show of this person. */
  public Masked masked() {
    return new Masked(Masking.name(name.reveal()), phone.masked(), address.area().display());
  }
}
