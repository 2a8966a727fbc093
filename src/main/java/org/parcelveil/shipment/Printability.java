package org.parcelveil.shipment;

import org.parcelveil.validation.Check;
import org.parcelveil.vault.Person;

/**
 * Whether a label can print a party as a shipment gives it: its masked name and its area. Checked at creation, so a
 * shipment is never accepted that can never get a label; the label feature, which owns the font, provides it.
 */
@FunctionalInterface
public interface Printability {
  /** Records under {@code prefix} (e.g. {@code recipient.address.district}) each field a label could not print. */
  void check(Check check, String prefix, Person person);
}
