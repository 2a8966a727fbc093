package org.parcelveil.shipment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.SealedPerson;

/** Shipments and idempotency keys as rows. */
public final class ShipmentRepository {
  static final String COLUMNS = "waybill, merchant_id, reference, state, origin_province, origin_city, "
      + "origin_district, dest_province, dest_city, dest_district, sort_code, weight_grams, length_cm, width_cm, "
      + "height_cm, cod_cents, cod_currency, retention_day, created_at, updated_at, shredded_at, canary, "
      + "sender_name, sender_phone, sender_street, sender_detail, sender_phone_idx, "
      + "recipient_name, recipient_phone, recipient_street, recipient_detail, recipient_phone_idx";
  static final String SELECT = "SELECT " + COLUMNS
      + ", pickup_courier_id, delivery_courier_id, assigned_at, finished_at FROM shipments ";
  static final String INSERT = "INSERT INTO shipments (" + COLUMNS + ") VALUES ("
      + "?, ".repeat(31) + "?)";
  private static final int CHUNK = 1000;

  private final DataSource dataSource;

  public ShipmentRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** An idempotency key taken by an earlier request. */
  public record IdempotencyRecord(String requestHash, String waybill) {}

  /** The key was taken between our look-up and our insert: the caller re-reads it. */
  public static final class IdempotencyRaceException extends RuntimeException {
    IdempotencyRaceException() {
      super(null, null, false, false);
    }
  }

  /**
   * Inserts shipments in one transaction, with the idempotency key if given: all are stored, or none.
   *
   * @throws IdempotencyRaceException if another request took the key first
   */
  public void insert(List<Shipment> shipments, String merchantId, String idemKey, String requestHash) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
          int n = 0;
          for (Shipment s : shipments) {
            bind(ps, s);
            ps.addBatch();
            if (++n % CHUNK == 0) {
              ps.executeBatch();
            }
          }
          if (n % CHUNK != 0) {
            ps.executeBatch();
          }
        }
        if (idemKey != null) {
          try (PreparedStatement ik = c.prepareStatement("INSERT INTO idempotency_keys "
              + "(merchant_id, idem_key, request_hash, waybill, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ik.setString(1, merchantId);
            ik.setString(2, idemKey);
            ik.setString(3, requestHash);
            ik.setString(4, shipments.get(0).waybill());
            ik.setTimestamp(5, Timestamp.from(shipments.get(0).createdAt()));
            ik.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        if (idemKey != null && Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new IdempotencyRaceException();
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not store shipments", e);
    }
  }

  /** Replaces both parties' ciphertext with copies sealed under an earlier bucket, if the row is still in {@code from}. */
  public boolean rebucket(String waybill, java.time.LocalDate from, java.time.LocalDate to, SealedPerson sender,
      SealedPerson recipient) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE shipments SET retention_day = ?, sender_name = ?, "
            + "sender_phone = ?, sender_street = ?, sender_detail = ?, sender_phone_idx = ?, recipient_name = ?, "
            + "recipient_phone = ?, recipient_street = ?, recipient_detail = ?, recipient_phone_idx = ? "
            + "WHERE waybill = ? AND retention_day = ? AND shredded_at IS NULL")) {
      ps.setObject(1, to);
      int i = bindSealed(ps, 2, sender);
      i = bindSealed(ps, i, recipient);
      ps.setString(i, waybill);
      ps.setObject(i + 1, from);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("could not move the shipment to its retention bucket", e);
    }
  }

  public Optional<IdempotencyRecord> findIdempotency(String merchantId, String idemKey) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT request_hash, waybill FROM idempotency_keys WHERE merchant_id = ? AND idem_key = ?")) {
      ps.setString(1, merchantId);
      ps.setString(2, idemKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new IdempotencyRecord(rs.getString(1), rs.getString(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("could not read idempotency keys", e);
    }
  }

  public Optional<Shipment> find(String waybill) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + "WHERE waybill = ?")) {
      ps.setString(1, waybill);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("could not read the shipment", e);
    }
  }

  /** A merchant's shipments, newest first. */
  public List<Shipment> findByMerchant(String merchantId, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT
            + "WHERE merchant_id = ? ORDER BY created_at DESC, waybill FETCH FIRST ? ROWS ONLY")) {
      ps.setString(1, merchantId);
      ps.setInt(2, limit);
      List<Shipment> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read shipments", e);
    }
  }

  /** Shipments whose sender or recipient phone has one of these blind indexes, newest first. */
  public List<Shipment> findByPhoneIndex(List<String> indexes, int limit) {
    if (indexes.isEmpty()) {
      return List.of();
    }
    String in = "(" + "?, ".repeat(indexes.size() - 1) + "?)";
    java.util.Map<String, Shipment> found = new java.util.LinkedHashMap<>();
    // Two indexed look-ups rather than one OR, which some engines answer with a full scan.
    for (String column : List.of("sender_phone_idx", "recipient_phone_idx")) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(SELECT + "WHERE " + column + " IN " + in
              + " ORDER BY created_at DESC, waybill FETCH FIRST ? ROWS ONLY")) {
        int i = 1;
        for (String idx : indexes) {
          ps.setString(i++, idx);
        }
        ps.setInt(i, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Shipment s = read(rs);
            found.putIfAbsent(s.waybill(), s);
          }
        }
      } catch (SQLException e) {
        throw new StoreException("could not read shipments", e);
      }
    }
    return found.values().stream()
        .sorted(java.util.Comparator.comparing(Shipment::createdAt).reversed().thenComparing(Shipment::waybill))
        .limit(limit).toList();
  }

  public long count() {
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM shipments")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("could not count shipments", e);
    }
  }

  static void bind(PreparedStatement ps, Shipment s) throws SQLException {
    int i = 1;
    ps.setString(i++, s.waybill());
    ps.setString(i++, s.merchantId());
    ps.setString(i++, s.reference());
    ps.setString(i++, s.state().name());
    i = bindArea(ps, i, s.origin());
    i = bindArea(ps, i, s.destination());
    ps.setString(i++, s.sortCode());
    ps.setInt(i++, s.parcel().weightGrams());
    i = bindInt(ps, i, s.parcel().lengthCm());
    i = bindInt(ps, i, s.parcel().widthCm());
    i = bindInt(ps, i, s.parcel().heightCm());
    if (s.cod() == null) {
      ps.setNull(i++, Types.BIGINT);
      ps.setNull(i++, Types.VARCHAR);
    } else {
      ps.setLong(i++, s.cod().amountCents());
      ps.setString(i++, s.cod().currency());
    }
    ps.setObject(i++, s.retentionDay());
    ps.setTimestamp(i++, Timestamp.from(s.createdAt()));
    ps.setTimestamp(i++, Timestamp.from(s.updatedAt()));
    ps.setTimestamp(i++, s.shreddedAt() == null ? null : Timestamp.from(s.shreddedAt()));
    ps.setBoolean(i++, s.canary());
    i = bindSealed(ps, i, s.sender());
    bindSealed(ps, i, s.recipient());
  }

  private static int bindArea(PreparedStatement ps, int i, Area a) throws SQLException {
    ps.setString(i, a.province());
    ps.setString(i + 1, a.city());
    ps.setString(i + 2, a.district());
    return i + 3;
  }

  private static int bindInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
    return i + 1;
  }

  private static int bindSealed(PreparedStatement ps, int i, SealedPerson p) throws SQLException {
    ps.setBytes(i, p.name());
    ps.setBytes(i + 1, p.phone());
    ps.setBytes(i + 2, p.street());
    ps.setBytes(i + 3, p.detail());
    ps.setString(i + 4, p.phoneIndex());
    return i + 5;
  }

  static Shipment read(ResultSet rs) throws SQLException {
    Area origin = new Area(rs.getString(5), rs.getString(6), rs.getString(7));
    Area dest = new Area(rs.getString(8), rs.getString(9), rs.getString(10));
    Parcel parcel = new Parcel(rs.getInt(12), (Integer) rs.getObject(13, Integer.class),
        (Integer) rs.getObject(14, Integer.class), (Integer) rs.getObject(15, Integer.class));
    long codCents = rs.getLong(16);
    Cod cod = rs.wasNull() ? null : new Cod(codCents, rs.getString(17));
    Timestamp shredded = rs.getTimestamp(21);
    return new Shipment(rs.getString(1), rs.getString(2), rs.getString(3), ShipmentState.valueOf(rs.getString(4)),
        origin, dest, rs.getString(11), parcel, cod, rs.getObject(18, java.time.LocalDate.class),
        rs.getTimestamp(19).toInstant(), rs.getTimestamp(20).toInstant(),
        shredded == null ? null : shredded.toInstant(), rs.getBoolean(22),
        new SealedPerson(origin, rs.getBytes(23), rs.getBytes(24), rs.getBytes(25), rs.getBytes(26), rs.getString(27)),
        new SealedPerson(dest, rs.getBytes(28), rs.getBytes(29), rs.getBytes(30), rs.getBytes(31), rs.getString(32)),
        new Shipment.Assignment(rs.getString(33), rs.getString(34), instant(rs.getTimestamp(35)),
            instant(rs.getTimestamp(36))));
  }

  private static java.time.Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
