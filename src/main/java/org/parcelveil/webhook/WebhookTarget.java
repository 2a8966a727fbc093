package org.parcelveil.webhook;

import java.util.Optional;

/**
 * One kind of outgoing webhook: its kind (the outbox's {@code target} column) and how an outbox row's payload
 * becomes the call sent: where, signed with which secret, and the body. The alert webhook has one address and one
 * secret; tracking webhooks have one of each per subscription.
 */
public interface WebhookTarget {
  /** A short fixed name, such as {@code alerts}; also a metric label, so never anything per event. */
  String kind();

  /** The call for a row's payload; empty when what it names no longer exists (the row is then dropped). */
  Optional<WebhookCall> call(String payload);
}
