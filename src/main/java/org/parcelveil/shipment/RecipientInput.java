package org.parcelveil.shipment;

import org.parcelveil.vault.PersonInput;

/**
 * The recipient of {@code POST /v1/shipments}: a party in plain ({@code name}, {@code phone}, {@code address}), a
 * marketplace's sealed value with its platform and order ({@code sealed}, {@code platform}, {@code orderId}), or the
 * handle of an order a platform registered ({@code order}). Prints without any of it.
 */
public record RecipientInput(String name, String phone, PersonInput.AddressInput address, String sealed,
    String platform, String orderId, String order) {

  public static RecipientInput plain(PersonInput p) {
    return p == null ? null : new RecipientInput(p.name(), p.phone(), p.address(), null, null, null, null);
  }

  /** True if the recipient comes from a platform (sealed or registered) rather than in plain. */
  public boolean fromPlatform() {
    return sealed != null || platform != null || orderId != null || order != null;
  }

  /** True if plain fields were given too: a request may carry one form of recipient only. */
  public boolean mixesForms() {
    return fromPlatform() && (name != null || phone != null || address != null);
  }

  public PersonInput asPlain() {
    return new PersonInput(name, phone, address);
  }

  @Override
  public String toString() {
    return "RecipientInput[REDACTED]";
  }
}
