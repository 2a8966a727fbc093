package org.parcelveil.network;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;
import org.parcelveil.vault.Area;

/** Stations as rows. */
public final class StationRepository {
  private static final String COLUMNS = "code, name, kind, province, city, district, created_at";
  private final DataSource dataSource;

  public StationRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Inserts the station; false if its code is taken. */
  public boolean insert(Station s) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO stations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, s.code());
      ps.setString(2, s.name());
      ps.setString(3, s.kind().name());
      ps.setString(4, s.area().province());
      ps.setString(5, s.area().city());
      ps.setString(6, s.area().district());
      ps.setTimestamp(7, Timestamp.from(s.createdAt()));
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw new StoreException("could not store the station", e);
    }
  }

  public Optional<Station> find(String code) {
    List<Station> found = query("SELECT " + COLUMNS + " FROM stations WHERE code = ?", code);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  public List<Station> all() {
    return query("SELECT " + COLUMNS + " FROM stations ORDER BY code");
  }

  private List<Station> query(String sql, String... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<Station> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Station(rs.getString(1), rs.getString(2), Station.Kind.valueOf(rs.getString(3)),
              new Area(rs.getString(4), rs.getString(5), rs.getString(6)), rs.getTimestamp(7).toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read stations", e);
    }
  }
}
