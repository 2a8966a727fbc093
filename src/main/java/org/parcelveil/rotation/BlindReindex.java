package org.parcelveil.rotation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.StoreException;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.ShreddedException;
import org.parcelveil.vault.Vault;
import org.parcelveil.vault.VaultException;

/**
 * Re-computes blind indexes made under older key versions with the current one, by decrypting the phone alone:
 * shipments' sender and recipient phones and principals' work phones. It runs in the background while the service
 * serves (look-ups match every live version meanwhile); once no row is left under an old version, that version can
 * be retired.
 *
 * <p>Rows are walked once in waybill order, in batches, and each update is conditional on the old value, so two
 * nodes re-indexing at once, or a row changing meanwhile, do no harm. A shredded shipment's index is removed: it is
 * personal data too, and nothing is left to find.
 */
public final class BlindReindex {
  static final int BATCH = 500;
  private static final String SELECT = "SELECT waybill, retention_day, shredded_at, sender_phone, sender_phone_idx, "
      + "recipient_phone, recipient_phone_idx FROM shipments WHERE waybill > ? AND ("
      + "(sender_phone_idx IS NOT NULL AND sender_phone_idx NOT LIKE ?) OR "
      + "(recipient_phone_idx IS NOT NULL AND recipient_phone_idx NOT LIKE ?)) ORDER BY waybill FETCH FIRST "
      + BATCH + " ROWS ONLY";

  private final DataSource dataSource;
  private final Vault vault;
  private final BlindIndex index;

  public BlindReindex(DataSource dataSource, Vault vault) {
    this.dataSource = dataSource;
    this.vault = vault;
    this.index = vault.blindIndex();
  }

  /** What a pass did: indexes re-computed, indexes removed (shredded rows), principals it could not re-index. */
  public record Pass(int reindexed, int removed, int stuck) {}

  /** One pass over every row not under the current version. */
  public Pass runPass() {
    int reindexed = 0;
    int removed = 0;
    String cursor = "";
    String prefix = index.currentPrefix();
    while (true) {
      List<Row> rows = batch(cursor, prefix + "%");
      List<Change> changes = new ArrayList<>();
      for (Row r : rows) {
        for (PartyRole role : PartyRole.values()) {
          String old = r.index(role);
          if (old != null && !old.startsWith(prefix)) {
            changes.add(new Change(r.waybill(), role, old, recompute(r, role)));
          }
        }
        cursor = r.waybill();
      }
      int[] applied = apply(changes);
      for (int i = 0; i < changes.size(); i++) {
        if (applied[i] > 0) {
          if (changes.get(i).fresh() == null) {
            removed++;
          } else {
            reindexed++;
          }
        }
      }
      if (rows.size() < BATCH) {
        break;
      }
    }
    int[] principals = principals();
    return new Pass(reindexed + principals[0], removed, principals[1]);
  }

  /** How many stored indexes are still under {@code version} (shipments and principals). */
  public long rowsUnder(int version) {
    String like = version + ".%";
    return count("SELECT COUNT(*) FROM shipments WHERE sender_phone_idx LIKE ?", like)
        + count("SELECT COUNT(*) FROM shipments WHERE recipient_phone_idx LIKE ?", like)
        + count("SELECT COUNT(*) FROM principals WHERE phone_idx LIKE ?", like);
  }

  private @Nullable String recompute(Row r, PartyRole role) {
    if (r.shredded() || r.phone(role) == null) {
      return null;
    }
    try {
      return index.of(vault.openPhone(r.waybill(), role, r.bucket(), r.phone(role)));
    } catch (ShreddedException e) {
      return null;
    }
  }

  /** Re-indexes principals' work phones: how many were re-indexed, and how many have no sealed phone to use. */
  private int[] principals() {
    int done = 0;
    int stuck = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, phone_idx, phone_sealed FROM principals "
            + "WHERE phone_idx IS NOT NULL AND phone_idx NOT LIKE ? ORDER BY id")) {
      ps.setString(1, index.currentPrefix() + "%");
      List<String[]> todo = new ArrayList<>();
      List<byte[]> sealed = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          todo.add(new String[] {rs.getString(1), rs.getString(2)});
          sealed.add(rs.getBytes(3));
        }
      }
      for (int i = 0; i < todo.size(); i++) {
        if (sealed.get(i) == null) {
          stuck++; // registered before work phones were sealed: it must be registered again
          continue;
        }
        String id = todo.get(i)[0];
        try (PreparedStatement up = c.prepareStatement(
            "UPDATE principals SET phone_idx = ? WHERE id = ? AND phone_idx = ?")) {
          up.setString(1, index.of(vault.openWorkPhone(id, sealed.get(i))));
          up.setString(2, id);
          up.setString(3, todo.get(i)[1]);
          done += up.executeUpdate();
        } catch (VaultException e) {
          stuck++;
        }
      }
      return new int[] {done, stuck};
    } catch (SQLException e) {
      throw new StoreException("could not re-index principals", e);
    }
  }

  private List<Row> batch(String cursor, String currentLike) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
      ps.setString(1, cursor);
      ps.setString(2, currentLike);
      ps.setString(3, currentLike);
      List<Row> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Row(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getTimestamp(3) != null,
              rs.getBytes(4), rs.getString(5), rs.getBytes(6), rs.getString(7)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read shipments to re-index", e);
    }
  }

  /** Applies one batch of changes in one transaction, each only if the row still holds the old index. */
  private int[] apply(List<Change> changes) {
    if (changes.isEmpty()) {
      return new int[0];
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      int[] out = new int[changes.size()];
      try {
        for (int i = 0; i < changes.size(); i++) {
          Change ch = changes.get(i);
          String column = ch.role() == PartyRole.SENDER ? "sender_phone_idx" : "recipient_phone_idx";
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE shipments SET " + column + " = ? WHERE waybill = ? AND " + column + " = ?")) {
            if (ch.fresh() == null) {
              ps.setNull(1, Types.VARCHAR);
            } else {
              ps.setString(1, ch.fresh());
            }
            ps.setString(2, ch.waybill());
            ps.setString(3, ch.old());
            out[i] = ps.executeUpdate();
          }
        }
        c.commit();
        return out;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("could not re-index shipments", e);
    }
  }

  private long count(String sql, String arg) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("could not count blind indexes", e);
    }
  }

  /** One index to replace: null removes it. */
  private record Change(String waybill, PartyRole role, String old, @Nullable String fresh) {}

  /** One shipment's phones and their indexes. */
  private record Row(String waybill, LocalDate bucket, boolean shredded, byte @Nullable [] senderPhone,
      @Nullable String senderIndex, byte @Nullable [] recipientPhone, @Nullable String recipientIndex) {
    @Nullable String index(PartyRole role) {
      return role == PartyRole.SENDER ? senderIndex : recipientIndex;
    }

    byte @Nullable [] phone(PartyRole role) {
      return role == PartyRole.SENDER ? senderPhone : recipientPhone;
    }
  }
}
