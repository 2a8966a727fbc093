package org.parcelveil.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.Sql;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;

/** Principals and their token hashes as rows. */
public final class PrincipalRepository {
  private static final String COLUMNS = "p.id, p.role, p.name, p.station_code, p.created_at, p.revoked_at";
  private static final RowMapper<Principal> PRINCIPAL = (rs, ctx) -> {
    Timestamp revoked = rs.getTimestamp("revoked_at");
    return new Principal(rs.getString("id"), Role.valueOf(rs.getString("role")), rs.getString("name"),
        rs.getString("station_code"), rs.getTimestamp("created_at").toInstant(),
        revoked == null ? null : revoked.toInstant());
  };
  private final Sql sql;

  public PrincipalRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** Stores a principal with its first token, in one transaction. */
  public void insert(Principal p, String tokenHash) {
    sql.useTransaction("could not store the principal", h -> {
      h.createUpdate("INSERT INTO principals (id, role, name, station_code, created_at) "
              + "VALUES (:id, :role, :name, :stationCode, :createdAt)")
          .bind("id", p.id()).bind("role", p.role().name()).bind("name", p.name())
          .bind("stationCode", p.stationCode()).bind("createdAt", p.createdAt())
          .execute();
      h.createUpdate("INSERT INTO api_tokens (token_hash, principal_id, created_at) "
              + "VALUES (:tokenHash, :principalId, :createdAt)")
          .bind("tokenHash", tokenHash).bind("principalId", p.id()).bind("createdAt", p.createdAt())
          .execute();
    });
  }

  /** The principal a token hash belongs to, revoked or not. */
  public Optional<Principal> findByTokenHash(String tokenHash) {
    return sql.withHandle("could not read principals", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM api_tokens t JOIN principals p ON p.id = t.principal_id WHERE t.token_hash = :tokenHash")
        .bind("tokenHash", tokenHash).map(PRINCIPAL).findFirst());
  }

  public Optional<Principal> find(String id) {
    return sql.withHandle("could not read principals", h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM principals p WHERE p.id = :id")
        .bind("id", id).map(PRINCIPAL).findFirst());
  }

  public List<Principal> all() {
    return sql.withHandle("could not read principals", h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM principals p ORDER BY p.created_at, p.id")
        .map(PRINCIPAL).list());
  }

  /** Registers the principal's work phone (couriers, for the call relay): its blind index and its sealed form. */
  public void setPhone(String id, String phoneIndex, byte[] sealed) {
    sql.useHandle("could not store the principal's phone", h -> h.createUpdate(
            "UPDATE principals SET phone_idx = :phoneIdx, phone_sealed = :sealed WHERE id = :id")
        .bind("phoneIdx", phoneIndex).bind("sealed", sealed).bind("id", id)
        .execute());
  }

  public Optional<String> phoneIndex(String id) {
    // A principal without a phone has a row with a null index: both read as empty.
    return sql.withHandle("could not read the principal", h -> h.createQuery(
            "SELECT phone_idx FROM principals WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> Optional.ofNullable(rs.getString("phone_idx"))).findFirst())
        .flatMap(phone -> phone);
  }

  /**
   * What changes whenever a principal is revoked, on any node: how many are revoked and the latest revocation time
   * (principals are never un-revoked). Read through the partial index on revoked principals.
   */
  public String revocationMark() {
    return sql.withHandle("could not read revocations", h -> h.createQuery(
            "SELECT COUNT(*) AS n, MAX(revoked_at) AS latest FROM principals WHERE revoked_at IS NOT NULL")
        .map((rs, ctx) -> rs.getLong("n") + "/" + rs.getString("latest")).one());
  }

  /** Marks the principal revoked and deletes its tokens; false if it was unknown or already revoked. */
  public boolean revoke(String id, Instant at) {
    return sql.inTransaction("could not revoke the principal", h -> {
      boolean changed = h.createUpdate(
              "UPDATE principals SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
          .bind("at", at).bind("id", id).execute() == 1;
      h.createUpdate("DELETE FROM api_tokens WHERE principal_id = :id").bind("id", id).execute();
      return changed;
    });
  }
}
