package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.CapturedLogs;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.TestDatabases;

/**
 * A statement the database refuses as such (SQL state 0A000 "feature not supported", as Citus answers SQL it cannot
 * distribute) is a defect: the request gets a 500 and the log names the route, never a 503 "database unavailable"
 * that tells clients to retry what can never succeed.
 */
class RefusedStatementTest {

  @Test
  void refusedStatement_is500_notDatabaseUnavailable() throws Exception {
    DatabaseSettings db = TestDatabases.freshPostgres();
    try (TestService svc = TestService.start("postgres", s -> s.withDatabase(db));
        CapturedLogs logs = new CapturedLogs()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String origin = svc.principal("station", "Binjiang", "HZ-BJ01").token();
      String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("O-1")).json().get("waybill").asText();
      // The event insert refused exactly as Citus refuses the event's sequence sub-select.
      try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
          Statement s = c.createStatement()) {
        s.execute("CREATE FUNCTION pv_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            + "RAISE EXCEPTION 'subqueries are not supported within INSERT queries' USING ERRCODE = '0A000'; END $$");
        s.execute("CREATE TRIGGER pv_test_refuse BEFORE INSERT ON shipment_events "
            + "FOR EACH ROW EXECUTE FUNCTION pv_test_refuse()");
      }

      TestService.Response scanned = svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP"));

      assertThat(scanned.status()).as(scanned.body()).isEqualTo(500);
      assertThat(scanned.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(scanned.body()).doesNotContain("unavailable", "subqueries", "Exception");
      assertThat(String.join("\n", logs.lines())).contains("statement refused by the database at POST /v1/shipments/{waybill}/events")
          .contains("0A000").doesNotContain("database unavailable");
    }
  }
}
