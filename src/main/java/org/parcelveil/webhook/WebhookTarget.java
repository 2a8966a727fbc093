package org.parcelveil.webhook;

import java.net.URI;
import java.util.Optional;

/**
 * One outgoing webhook: its kind (the outbox's {@code target} column), where it goes, the secret it is signed with,
 * and how an outbox row's payload becomes the body sent.
 */
public interface WebhookTarget {
  /** A short fixed name, such as {@code alerts}; also a metric label, so never anything per event. */
  String kind();

  URI uri();

  WebhookSignature signature();

  /** The body for a row's payload; empty when the event it names no longer exists (the row is then dropped). */
  Optional<byte[]> body(String payload);
}
