package org.parcelveil.shipment;

import org.parcelveil.vault.Person;
import org.parcelveil.vault.PersonInput;

/**
 * Opens recipients that come from a marketplace (sealed values, registered orders) for one merchant. The intake
 * feature implements it; shipments only ask.
 */
public interface PlatformRecipients {
  /** The recipient and the order it belongs to. */
  record Opened(PersonInput recipient, String platformId, String orderId) {
    @Override
    public String toString() {
      return "Opened[" + platformId + "]";
    }
  }

  /**
   * Opens {@code input} for {@code merchantId}.
   *
   * @throws RuntimeException a 4xx problem naming what is wrong, never quoting what was sealed
   */
  Opened open(RecipientInput input, String merchantId);

  /** The merchant's pseudonym of this buyer. */
  String pseudonym(String merchantId, Person buyer);

  /**
   * The recipients of one batch request: what cannot change within one request (whether a named platform is a live
   * platform) is looked up once for the whole batch rather than once per item. Safe to use from several threads.
   */
  default PlatformRecipients forBatch() {
    return this;
  }

  /** For services built without the intake feature: every platform recipient is refused. */
  PlatformRecipients NONE = new PlatformRecipients() {
    @Override
    public Opened open(RecipientInput input, String merchantId) {
      throw org.parcelveil.validation.ValidationException.of("recipient", "must be given in plain here");
    }

    @Override
    public String pseudonym(String merchantId, Person buyer) {
      throw new IllegalStateException("no platform recipients here");
    }
  };
}
