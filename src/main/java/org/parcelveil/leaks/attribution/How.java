package org.parcelveil.leaks.attribution;

import java.util.Locale;

/** How an agent came to hold a record: whether it saw the plain party, or only the waybill and a masked label. */
public enum How {
  /** The merchant that created the shipment: it sent us the plain parties. */
  CREATED(true),
  /** A principal the audit log shows a plain party was revealed to. */
  REVEALED(true),
  /** The channel a canary was exposed through. */
  CANARY_CHANNEL(true),
  /** A courier assigned to the shipment: the label and the waybill, masked parties. */
  ASSIGNED(false),
  /** Staff who scanned or recorded an event on it: the label and the waybill, masked parties. */
  HANDLED(false);

  private final boolean plain;

  How(boolean plain) {
    this.plain = plain;
  }

  /** True if this way of holding a record gives its plain personal data. */
  public boolean plain() {
    return plain;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
