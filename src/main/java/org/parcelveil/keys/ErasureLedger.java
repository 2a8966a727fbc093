package org.parcelveil.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.parcelveil.store.Database;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/**
 * The shipments erased early at their data subject's request, kept in the key store because that store is never
 * rolled back to a backup (doing so would bring destroyed keys back). If an older backup of the shipment database
 * is restored, the retention run finds here what to wipe again. An entry is needed only until its retention bucket
 * is shredded: from then on every copy of the row is unreadable anyway.
 */
public final class ErasureLedger {
  private final Database database;

  public ErasureLedger(Database keyDatabase) {
    this.database = keyDatabase;
  }

  /** One early erasure: the shipment and the bucket its data was encrypted under. */
  public record Erasure(String waybill, LocalDate bucket, Instant erasedAt) {}

  /** Records an erasure; recording it again changes nothing. */
  public void record(String waybill, LocalDate bucket, Instant at) {
    try (Connection c = database.connection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO erasures (waybill, bucket, erased_at) VALUES (?, ?, ?)")) {
      ps.setString(1, waybill);
      ps.setObject(2, bucket);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StoreException("key store unavailable", e);
      }
    }
  }

  /** Every erasure still needed, oldest bucket first. */
  public List<Erasure> all() {
    try (Connection c = database.connection();
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT waybill, bucket, erased_at FROM erasures ORDER BY bucket, waybill")) {
      List<Erasure> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Erasure(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getTimestamp(3).toInstant()));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("key store unavailable", e);
    }
  }

  /** Forgets the erasures whose bucket is {@code day} or earlier (their buckets have been shredded). */
  public int forgetThrough(LocalDate day) {
    try (Connection c = database.connection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM erasures WHERE bucket <= ?")) {
      ps.setObject(1, day);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("key store unavailable", e);
    }
  }
}
