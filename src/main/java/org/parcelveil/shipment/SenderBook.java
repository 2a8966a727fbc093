package org.parcelveil.shipment;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.parcelveil.vault.PersonInput;

/**
 * A merchant's saved senders, as shipment creation asks for them: by id, or the default when a request names none.
 * The sender feature implements it; shipments only ask.
 */
public interface SenderBook {
  /**
   * The merchant's saved sender {@code senderId}, or its default sender when {@code senderId} is null; empty when
   * there is no such sender of this merchant (another merchant's id is the same as an unknown one).
   */
  Optional<PersonInput> sender(String merchantId, @Nullable String senderId);

  /**
   * The same book asking {@code book} once per sender id, for one batch request (which names the same few senders
   * many times) and dropped with it. Safe to use from several threads.
   */
  static SenderBook memo(SenderBook book) {
    java.util.Map<String, Optional<PersonInput>> asked = new java.util.concurrent.ConcurrentHashMap<>();
    return (merchantId, senderId) -> asked.computeIfAbsent(senderId == null ? "" : "id:" + senderId,
        k -> book.sender(merchantId, senderId));
  }

  /** For services built without the sender feature: no saved senders. */
  SenderBook NONE = (merchantId, senderId) -> Optional.empty();
}
