package org.parcelveil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A service node on a Citus worker migrates nothing: it starts once the coordinator applied every migration, reading
 * the history table that the coordinator placed on every node, and the key store is on every node too.
 */
class CitusWorkerNodeTest {

  @Test
  void worker_waitsForTheCoordinatorsMigrations_thenOpensMainAndKeys() throws Exception {
    DatabaseSettings coordinator = TestDatabases.freshCitus();
    DatabaseSettings worker = TestDatabases.onCitusWorker(coordinator, 1);
    PGSimpleDataSource coordDs = dataSource(coordinator);
    PGSimpleDataSource workerDs = dataSource(worker);
    assertThat(CitusRole.of(coordDs)).isEqualTo(CitusRole.COORDINATOR);
    assertThat(CitusRole.of(workerDs)).isEqualTo(CitusRole.WORKER);

    // Nothing migrated: the worker does not start, and creates nothing.
    assertThatThrownBy(() -> Database.open(worker, "main", 2)).hasMessageContaining("coordinator has not migrated");
    try (Connection c = workerDs.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('pv_schema_history') IS NULL")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("no history table made on the worker").isTrue();
    }

    // The coordinator at an older version: the worker names what is missing.
    Flyway.configure().dataSource(coordDs).locations("classpath:db/main").table(Database.HISTORY).target("90")
        .load().migrate();
    CitusRole.COORDINATOR.placeHistory(coordDs);
    assertThatThrownBy(() -> Database.open(worker, "main", 2)).hasMessageContaining("V91")
        .hasMessageContaining("coordinator");

    // The rest migrates on the coordinator with the history already on every node (a migration altering
    // distributed tables and the history row in one transaction), and the worker then opens.
    try (Database db = Database.open(coordinator, "main", 2);
        Database keys = Database.open(coordinator, "keys", "pv_keys", 2)) {
      try (Connection c = db.connection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT logicalrelid::text FROM pg_dist_partition WHERE partmethod = 'n' "
              + "AND logicalrelid::text IN ('pv_schema_history', 'pv_keys.pv_schema_history', "
              + "'pv_keys.key_material', 'pv_keys.erasures') ORDER BY 1")) {
        StringBuilder names = new StringBuilder();
        while (rs.next()) {
          names.append(rs.getString(1)).append(' ');
        }
        assertThat(names.toString().trim())
            .isEqualTo("pv_keys.erasures pv_keys.key_material pv_keys.pv_schema_history pv_schema_history");
      }
    }
    try (Database db = Database.open(worker, "main", 2); Database keys = Database.open(worker, "keys", "pv_keys", 2)) {
      // The retention job's scrub, as a node on a worker runs it: VACUUM of distributed and reference tables.
      new Scrubber(db, false).scrub(java.util.List.of("shipments", "shipment_events", "audit_entries"));
      new Scrubber(keys, false).scrub(java.util.List.of("pv_keys.key_material", "pv_keys.erasures"));
    }
    try (Database db = Database.open(worker, "main", 2); Connection c = db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT max(version::int) FROM pv_schema_history), "
            + "(SELECT count(*) FROM pv_keys.key_material)")) {
      rs.next();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(95);
      assertThat(rs.getLong(2)).isZero();
    }
    // Opened again on the coordinator: nothing to migrate, nothing to place.
    Database.open(coordinator, "main", 2).close();
  }

  @Test
  void plainPostgres_isNoCitusNode_andItsHistoryStaysLocal() throws Exception {
    DatabaseSettings pg = TestDatabases.freshPostgres();
    try (Database db = Database.open(pg, "main", 2); Database keys = Database.open(pg, "keys", "pv_keys", 2)) {
      assertThat(CitusRole.of(db.dataSource())).isEqualTo(CitusRole.NONE);
      try (Connection c = keys.connection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pv_schema_history WHERE success")) {
        rs.next();
        assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(4);
      }
    }
  }

  private static PGSimpleDataSource dataSource(DatabaseSettings settings) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(settings.url());
    ds.setUser(settings.user());
    ds.setPassword(settings.password());
    return ds;
  }
}
