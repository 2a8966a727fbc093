package org.parcelveil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The migrations on Citus: the tables of a parcel distributed by waybill and co-located, the audit log on one shard,
 * the small tables on every node; the result readable from a worker; and plain PostgreSQL left unchanged.
 */
class CitusPlacementTest {
  private static final List<String> BY_WAYBILL = List.of("shipments", "shipment_events", "waybill_claims",
      "verification_phone_tries", "relay_bindings", "leak_canaries", "leak_attribution_matches", "pickup_codes");
  private static final List<String> AUDIT = List.of("audit_head", "audit_entries", "audit_checkpoints", "audit_keys");

  record Placement(String type, String column, long colocation, long shards) {}

  @Test
  void migrations_distributeByWaybill_coLocated_auditOnOneShard_restOnEveryNode() throws Exception {
    DatabaseSettings settings = TestDatabases.freshCitus();
    try (Database db = Database.open(settings, "main", 2); Connection c = db.connection()) {
      Map<String, Placement> placed = placements(c);

      long group = placed.get("shipments").colocation();
      for (String t : BY_WAYBILL) {
        assertThat(placed.get(t)).as(t).isEqualTo(new Placement("distributed", "waybill", group, 4));
      }
      assertThat(placed.get("disclosure_budget").column()).isEqualTo("principal_id");
      assertThat(placed.get("idempotency_keys").column()).isEqualTo("merchant_id");
      assertThat(placed.get("verification_requests").column()).isEqualTo("id");
      assertThat(placed.get("platform_orders").column()).isEqualTo("merchant_id");
      assertThat(placed.get("relay_budget").colocation()).isEqualTo(placed.get("disclosure_budget").colocation());
      long audit = placed.get("audit_head").colocation();
      for (String t : AUDIT) {
        assertThat(placed.get(t)).as(t).isEqualTo(new Placement("distributed", "<none>", audit, 1));
      }
      for (String t : List.of("stations", "principals", "api_tokens", "waybill_counter", "web_sessions",
          "leak_alerts", "webhook_outbox", "retention_runs")) {
        assertThat(placed.get(t).type()).as(t).isEqualTo("reference");
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
              + "WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN "
              + "(SELECT logicalrelid::regclass::text FROM pg_dist_partition) AND c.relname <> 'pv_schema_history'")) {
        assertThat(rs.next()).as("every table is placed").isFalse();
      }
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO stations (code, name, kind, province, city, district, created_at) "
            + "VALUES ('HZ-XH01', 'Xihu', 'station', 'P', 'C', 'D', now())");
      }
    }

    // Citus answers from any node: a worker reads the reference and distributed tables too.
    String database = settings.url().substring(settings.url().lastIndexOf('/') + 1);
    try (Connection w = DriverManager.getConnection(CitusCluster.get().workerUrl(1, database), settings.user(), "");
        Statement s = w.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM stations), (SELECT count(*) FROM shipments)")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
      assertThat(rs.getLong(2)).isZero();
    }
  }

  @Test
  void plainPostgres_keepsItsKeys() throws Exception {
    try (Database db = Database.open(TestDatabases.freshPostgres(), "main", 2); Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            + "WHERE conname = 'relay_bindings_pkey'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("PRIMARY KEY (id)");
    }
  }

  private static Map<String, Placement> placements(Connection c) throws SQLException {
    Map<String, Placement> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT table_name::text, citus_table_type, distribution_column, colocation_id, "
            + "shard_count FROM citus_tables")) {
      while (rs.next()) {
        out.put(rs.getString(1), new Placement(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
      }
    }
    return out;
  }
}
