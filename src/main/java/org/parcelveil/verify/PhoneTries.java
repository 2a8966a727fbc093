package org.parcelveil.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/**
 * The distinct phones ever compared with one parcel's recipient, at most {@code cap} of them, shared by every
 * platform and node. Each comparison is a guess at the recipient's phone, so this is what bounds the guesses: once
 * the cap is reached no phone is compared again, not even one tried before, and the answer no longer depends on it.
 */
final class PhoneTries {
  /** Whether a phone may be compared with the recipient's. */
  enum Admission { COMPARE, CAP_REACHED }

  private final DataSource dataSource;
  private final int cap;

  PhoneTries(DataSource dataSource, int cap) {
    this.dataSource = dataSource;
    this.cap = cap;
  }

  /**
   * Admits one phone, given as its fingerprints bound to the waybill under every live key version (newest last): a
   * phone tried before takes no new slot; a new one takes the next free slot, if any. Slots are the table's key, so
   * two requests racing for the last slot cannot both take it: the loser reads again and sees the cap.
   */
  Admission admit(String waybill, List<String> fingerprints, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      // Each lost race means another request took a slot, so the loop ends within cap + 1 rounds.
      for (int round = 0; round <= cap; round++) {
        Tried tried = read(c, waybill, fingerprints);
        if (tried.slots() >= cap) {
          return Admission.CAP_REACHED;
        }
        if (tried.known()) {
          return Admission.COMPARE;
        }
        if (take(c, waybill, tried.slots() + 1, fingerprints.get(fingerprints.size() - 1), now)) {
          return Admission.COMPARE;
        }
      }
      return Admission.CAP_REACHED;
    } catch (SQLException e) {
      throw new StoreException("could not count the phones compared with the parcel", e);
    }
  }

  private record Tried(int slots, boolean known) {}

  private static Tried read(Connection c, String waybill, List<String> fingerprints) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT fingerprint FROM verification_phone_tries WHERE waybill = ?")) {
      ps.setString(1, waybill);
      int slots = 0;
      boolean known = false;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          slots++;
          known |= fingerprints.contains(rs.getString(1));
        }
      }
      return new Tried(slots, known);
    }
  }

  /** Takes a slot; false if another request took that slot, or tried the same phone, first. */
  private static boolean take(Connection c, String waybill, int slot, String fingerprint, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO verification_phone_tries "
        + "(waybill, slot, fingerprint, tried_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, waybill);
      ps.setInt(2, slot);
      ps.setString(3, fingerprint);
      ps.setTimestamp(4, Timestamp.from(now));
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }
}
