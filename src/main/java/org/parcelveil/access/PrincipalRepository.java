package org.parcelveil.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.store.StoreException;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;

/** Principals and their token hashes as rows. */
public final class PrincipalRepository {
  private static final String COLUMNS = "p.id, p.role, p.name, p.station_code, p.created_at, p.revoked_at";
  private final DataSource dataSource;

  public PrincipalRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores a principal with its first token, in one transaction. */
  public void insert(Principal p, String tokenHash) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO principals "
              + "(id, role, name, station_code, created_at) VALUES (?, ?, ?, ?, ?)");
          PreparedStatement tk = c.prepareStatement(
              "INSERT INTO api_tokens (token_hash, principal_id, created_at) VALUES (?, ?, ?)")) {
        ps.setString(1, p.id());
        ps.setString(2, p.role().name());
        ps.setString(3, p.name());
        ps.setString(4, p.stationCode());
        ps.setTimestamp(5, Timestamp.from(p.createdAt()));
        ps.executeUpdate();
        tk.setString(1, tokenHash);
        tk.setString(2, p.id());
        tk.setTimestamp(3, Timestamp.from(p.createdAt()));
        tk.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not store the principal", e);
    }
  }

  /** The principal a token hash belongs to, revoked or not. */
  public Optional<Principal> findByTokenHash(String tokenHash) {
    return one("SELECT " + COLUMNS + " FROM api_tokens t JOIN principals p ON p.id = t.principal_id "
        + "WHERE t.token_hash = ?", tokenHash);
  }

  public Optional<Principal> find(String id) {
    return one("SELECT " + COLUMNS + " FROM principals p WHERE p.id = ?", id);
  }

  public List<Principal> all() {
    return many("SELECT " + COLUMNS + " FROM principals p ORDER BY p.created_at, p.id");
  }

  /** Registers the principal's work phone (couriers, for the call relay): its blind index and its sealed form. */
  public void setPhone(String id, String phoneIndex, byte[] sealed) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE principals SET phone_idx = ?, phone_sealed = ? WHERE id = ?")) {
      ps.setString(1, phoneIndex);
      ps.setBytes(2, sealed);
      ps.setString(3, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not store the principal's phone", e);
    }
  }

  public Optional<String> phoneIndex(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT phone_idx FROM principals WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("could not read the principal", e);
    }
  }

  /** Marks the principal revoked and deletes its tokens; false if it was unknown or already revoked. */
  public boolean revoke(String id, Instant at) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
              "UPDATE principals SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
          PreparedStatement del = c.prepareStatement("DELETE FROM api_tokens WHERE principal_id = ?")) {
        ps.setTimestamp(1, Timestamp.from(at));
        ps.setString(2, id);
        boolean changed = ps.executeUpdate() == 1;
        del.setString(1, id);
        del.executeUpdate();
        c.commit();
        return changed;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not revoke the principal", e);
    }
  }

  private Optional<Principal> one(String sql, String arg) {
    List<Principal> l = many(sql, arg);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  private List<Principal> many(String sql, String... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<Principal> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp revoked = rs.getTimestamp(6);
          out.add(new Principal(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
              rs.getTimestamp(5).toInstant(), revoked == null ? null : revoked.toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read principals", e);
    }
  }
}
