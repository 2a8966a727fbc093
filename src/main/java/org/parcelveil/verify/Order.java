package org.parcelveil.verify;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.parcelveil.vault.Phone;

/**
 * A marketplace order, validated: the waybill the seller entered, the platform's order id and time, where it ships
 * from and to, and the buyer's phone when the platform passes it (compared only through its blind index).
 */
public record Order(String waybill, String orderId, Instant createdAt, OrderArea origin, OrderArea destination,
    @Nullable Phone recipientPhone) {

  @Override
  public String toString() {
    return "Order[" + waybill + ", " + orderId + ", " + createdAt + ", phone=" + (recipientPhone == null ? "none"
        : "[REDACTED]") + "]";
  }
}
