package org.parcelveil.subject;

import org.parcelveil.vault.Phone;
import org.parcelveil.vault.Sensitive;

/**
 * Delivers a one-time code to a phone (an SMS gateway in production). The service finds an implementation through
 * {@code META-INF/services/org.parcelveil.subject.Notifier} on the class path, else it uses {@link LoggingNotifier}.
 * An implementation must never log or store the code or the number in clear.
 */
public interface Notifier {
  void sendCode(Phone phone, Sensitive code);

  /**
   * Delivers a parcel's code to its recipient: a pickup code ({@code purpose} {@code pickup}) or a delivery PIN
   * ({@code delivery_pin}), for the parcel {@code waybill}, so the message can say what the code is for. A provider
   * that does not implement it sends it as a plain one-time code.
   */
  default void sendParcelCode(Phone phone, Sensitive code, String waybill, String purpose) {
    sendCode(phone, code);
  }
}
