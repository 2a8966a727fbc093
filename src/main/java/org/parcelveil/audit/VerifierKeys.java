package org.parcelveil.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The log's public keys as published on {@code /v1/audit/key}: the current one, and every one that ever signed
 * (from the key store and from the record of past signers, so a destroyed old key still has its public half).
 * Kept for a short while, as the endpoint is public and each look-up unwraps keys.
 */
final class VerifierKeys {
  private static final Duration TTL = Duration.ofSeconds(30);

  private final AuditKeys keys;
  private final Supplier<String> origin;
  private final Supplier<List<String>> stored;
  private final Clock clock;
  private volatile Snapshot snapshot;

  private record Snapshot(Instant at, String current, List<String> all) {}

  VerifierKeys(AuditKeys keys, Supplier<String> origin, Supplier<List<String>> stored, Clock clock) {
    this.keys = keys;
    this.origin = origin;
    this.stored = stored;
    this.clock = clock;
  }

  String current() {
    return snapshot().current();
  }

  List<String> all() {
    return snapshot().all();
  }

  private Snapshot snapshot() {
    Snapshot s = snapshot;
    Instant now = clock.instant();
    if (s == null || s.at().plus(TTL).isBefore(now)) {
      String name = origin.get();
      Set<String> all = new LinkedHashSet<>(stored.get());
      keys.all(name).forEach(signer -> all.add(signer.key().vkey()));
      s = new Snapshot(now, keys.current(name).key().vkey(), List.copyOf(all));
      snapshot = s;
    }
    return s;
  }
}
