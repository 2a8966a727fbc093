package org.parcelveil.web.session;

import java.time.Instant;

/**
 * A console session as stored: keyed by the hash of its id. {@code stage} says whether the second factor is still
 * owed.
 */
record Session(String idHash, String principalId, Stage stage, Instant createdAt, Instant lastSeenAt,
    Instant expiresAt) {

  /** PASSWORD: signed in with a password, second factor still owed; FULL: signed in. */
  enum Stage { PASSWORD, FULL }
}
