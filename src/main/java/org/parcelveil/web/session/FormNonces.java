package org.parcelveil.web.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/**
 * Nonces for forms that must work once (a reveal): the page carries a fresh nonce, the post consumes it. A reload
 * of the result re-posts the same nonce and is refused, so plain data shown once is not shown again by accident.
 * Kept in the database (as hashes) so every node agrees.
 */
public final class FormNonces {
  private static final Duration KEEP = Duration.ofDays(1);
  private final DataSource dataSource;
  private final Clock clock;

  public FormNonces(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
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
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO web_used_nonces (nonce_hash, used_at) VALUES (?, ?)")) {
      ps.setString(1, Ids.hash(nonce));
      ps.setTimestamp(2, Timestamp.from(clock.instant()));
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw new StoreException("could not record a form nonce", e);
    }
  }

  /** Forgets nonces older than a day: their forms' sessions are long over. */
  public int purge() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM web_used_nonces WHERE used_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(clock.instant().minus(KEEP)));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not purge form nonces", e);
    }
  }
}
