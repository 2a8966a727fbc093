package org.parcelveil.intake;

import java.time.Instant;
import java.time.LocalDate;
import org.parcelveil.vault.SealedPerson;

/** A registered order as stored: who registered it, for which shop, and its recipient sealed. */
record PlatformOrder(String handle, String platformId, String orderId, String merchantId, LocalDate retentionDay,
    Instant createdAt, SealedPerson recipient) {

  @Override
  public String toString() {
    return "PlatformOrder[" + handle + "]";
  }
}
