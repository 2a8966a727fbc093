package org.parcelveil.web.session;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;

/**
 * Nonces for forms that must work once (a reveal): the page carries a fresh nonce, the post consumes it. A reload
 * of the result re-posts the same nonce and is refused, so plain data shown once is not shown again by accident.
 * Kept in the database (as hashes) so every node agrees.
 */
public final class FormNonces {
  private static final Duration KEEP = Duration.ofDays(1);
  private final Sql sql;
  private final Clock clock;

  public FormNonces(DataSource dataSource, Clock clock) {
    this.sql = Sql.over(dataSource);
    this.clock = clock;
  }

  public String issue() {
    return Ids.random256();
  }

  /** True the first time a well-formed nonce is consumed; false for a reuse or anything malformed. */
  public boolean consume(String nonce) {
    if (!Ids.wellFormed(nonce)) {
      return false;
    }
    try {
      sql.useHandle("could not record a form nonce", h -> h.createUpdate(
              "INSERT INTO web_used_nonces (nonce_hash, used_at) VALUES (:hash, :at)")
          .bind("hash", Ids.hash(nonce)).bind("at", clock.instant())
          .execute());
      return true;
    } catch (DuplicateKeyException usedBefore) {
      return false;
    }
  }

  /** Forgets nonces older than a day: their forms' sessions are long over. */
  public int purge() {
    return sql.withHandle("could not purge form nonces", h -> h.createUpdate(
            "DELETE FROM web_used_nonces WHERE used_at < :before")
        .bind("before", clock.instant().minus(KEEP))
        .execute());
  }
}
