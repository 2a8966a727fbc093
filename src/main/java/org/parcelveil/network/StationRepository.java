package org.parcelveil.network;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;
import org.parcelveil.vault.Area;

/** Stations as rows. */
public final class StationRepository {
  private static final String COLUMNS = "code, name, kind, province, city, district, created_at";
  private static final RowMapper<Station> STATION = (rs, ctx) -> new Station(rs.getString("code"),
      rs.getString("name"), Station.Kind.valueOf(rs.getString("kind")),
      new Area(rs.getString("province"), rs.getString("city"), rs.getString("district")),
      rs.getTimestamp("created_at").toInstant());
  private final Sql sql;

  public StationRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** Inserts the station; false if its code is taken. */
  public boolean insert(Station s) {
    try {
      sql.useHandle("could not store the station", h -> h.createUpdate("INSERT INTO stations (" + COLUMNS
              + ") VALUES (:code, :name, :kind, :province, :city, :district, :createdAt)")
          .bind("code", s.code()).bind("name", s.name()).bind("kind", s.kind().name())
          .bind("province", s.area().province()).bind("city", s.area().city())
          .bind("district", s.area().district()).bind("createdAt", s.createdAt())
          .execute());
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  public Optional<Station> find(String code) {
    return sql.withHandle("could not read stations", h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM stations WHERE code = :code")
        .bind("code", code).map(STATION).findOne());
  }

  public List<Station> all() {
    return sql.withHandle("could not read stations", h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM stations ORDER BY code")
        .map(STATION).list());
  }
}
