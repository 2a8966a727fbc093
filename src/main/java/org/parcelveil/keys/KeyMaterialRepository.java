package org.parcelveil.keys;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;

/** Rows of the key store. */
final class KeyMaterialRepository {
  static final String CHECK_NAME = "master-check";
  private static final String UNAVAILABLE = "key store unavailable";
  private static final String COLUMNS = "name, version, kind, state, material, master_gen, params";
  private static final String LOCK_CHECK =
      "SELECT master_gen FROM key_material WHERE name = '" + CHECK_NAME + "' AND version = 1 FOR UPDATE";
  private static final RowMapper<KeyMaterial> MATERIAL = (rs, ctx) -> new KeyMaterial(rs.getString("name"),
      rs.getInt("version"), rs.getString("kind"), rs.getString("state"), rs.getString("material"),
      rs.getInt("master_gen"), rs.getString("params"));
  private static final RowMapper<KeyVersion> VERSION = (rs, ctx) -> {
    Timestamp destroyed = rs.getTimestamp("destroyed_at");
    return new KeyVersion(rs.getString("name"), rs.getInt("version"), rs.getString("kind"), rs.getString("state"),
        rs.getInt("master_gen"), rs.getString("params"), rs.getTimestamp("created_at").toInstant(),
        destroyed == null ? null : destroyed.toInstant());
  };

  private final Sql sql;

  KeyMaterialRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  Sql sql() {
    return sql;
  }

  boolean isEmpty() {
    return sql.withHandle(UNAVAILABLE, h -> h.createQuery("SELECT COUNT(*) FROM key_material")
        .mapTo(long.class).one() == 0);
  }

  Optional<KeyMaterial> find(String name, int version) {
    return sql.withHandle(UNAVAILABLE, h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM key_material WHERE name = :name AND version = :version")
        .bind("name", name).bind("version", version).map(MATERIAL).findFirst());
  }

  List<KeyMaterial> findAll(String name) {
    return sql.withHandle(UNAVAILABLE, h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM key_material WHERE name = :name ORDER BY version")
        .bind("name", name).map(MATERIAL).list());
  }

  /** Every version but the bucket keys (whose number grows with time), with dates and without material. */
  List<KeyVersion> versionsButBuckets() {
    return sql.withHandle(UNAVAILABLE, h -> h.createQuery("SELECT name, version, kind, state, master_gen, params, "
            + "created_at, destroyed_at FROM key_material WHERE name NOT LIKE 'bucket/%' ORDER BY name, version")
        .map(VERSION).list());
  }

  List<String> liveNamesWithPrefix(String prefix) {
    return sql.withHandle(UNAVAILABLE, h -> h.createQuery(
            "SELECT name FROM key_material WHERE name LIKE :pattern AND material IS NOT NULL")
        .bind("pattern", prefix + "%").mapTo(String.class).list());
  }

  /** Inserts the row unless one with its name and version exists (another node created it first). */
  void insertIfAbsent(KeyMaterial m) {
    try {
      sql.useHandle(UNAVAILABLE, h -> insert(h, m));
    } catch (DuplicateKeyException createdElsewhere) {
      // The other node's row stands.
    }
  }

  /**
   * Inserts the row (unless it exists) while holding the master-check row's lock, and only if the store's master
   * generation is still {@code m.masterGen()}: a row wrapped under a master key that a rotation has just replaced
   * would be unreadable. Returns false if the generation moved on.
   */
  boolean insertUnderGeneration(KeyMaterial m) {
    try {
      return sql.inTransaction(UNAVAILABLE, h -> {
        if (lockGeneration(h) != m.masterGen()) {
          h.rollback();
          return false;
        }
        insert(h, m);
        return true;
      });
    } catch (DuplicateKeyException createdElsewhere) {
      return true;
    }
  }

  /** Locks the master-check row until the transaction ends and returns the store's master generation. */
  static int lockGeneration(Handle h) {
    return h.createQuery(LOCK_CHECK).mapTo(int.class).findFirst()
        .orElseThrow(() -> new KeyStoreException("the key store has no master-key check record"));
  }

  /** Every row, read in the caller's transaction. */
  static List<KeyMaterial> all(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM key_material ORDER BY name, version").map(MATERIAL).list();
  }

  /** Stores the re-wrapped material of one row, in the caller's transaction. */
  static void update(Handle h, KeyMaterial m) {
    int changed = h.createUpdate("UPDATE key_material SET material = :material, master_gen = :masterGen "
            + "WHERE name = :name AND version = :version")
        .bind("material", m.material()).bind("masterGen", m.masterGen()).bind("name", m.name())
        .bind("version", m.version())
        .execute();
    if (changed != 1) {
      throw new KeyStoreException("the key " + m.name() + " v" + m.version() + " vanished during re-wrapping");
    }
  }

  boolean destroy(String name, int version) {
    return sql.withHandle(UNAVAILABLE, h -> h.createUpdate("UPDATE key_material SET material = NULL, "
            + "state = 'DESTROYED', destroyed_at = :at WHERE name = :name AND version = :version "
            + "AND material IS NOT NULL")
        .bind("at", Instant.now()).bind("name", name).bind("version", version)
        .execute() == 1);
  }

  private static void insert(Handle h, KeyMaterial m) {
    h.createUpdate("INSERT INTO key_material (name, version, kind, state, created_at, material, master_gen, params) "
            + "VALUES (:name, :version, :kind, :state, :createdAt, :material, :masterGen, :params)")
        .bind("name", m.name()).bind("version", m.version()).bind("kind", m.kind()).bind("state", m.state())
        .bind("createdAt", Instant.now()).bind("material", m.material()).bind("masterGen", m.masterGen())
        .bind("params", m.params())
        .execute();
  }
}
