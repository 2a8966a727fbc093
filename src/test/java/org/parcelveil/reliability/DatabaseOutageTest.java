package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.store.DatabaseSettings;

/**
 * PostgreSQL stopped under the service and started again: while it is down, requests fail fast with 503 problems
 * (never a 500, never a reveal without its log entry); when it is back, the service recovers by itself.
 */
class DatabaseOutageTest {

  @Test
  void databaseDown_gives503Problems_andTheServiceRecoversByItself() throws Exception {
    Path pgData = Files.createTempDirectory("pv-pg-outage-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedPostgres pg = start(pgData, port);
    DatabaseSettings db = new DatabaseSettings(pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
    try (TestService svc = TestService.start("postgres", s -> s.withDatabase(db))) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String origin = svc.principal("station", "Binjiang", "HZ-BJ01").token();
      String desk = svc.principal("station", "Xihu", "HZ-XH01").token();
      var courier = svc.principal("courier", "Courier", "HZ-XH01");
      String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("O-1")).json().get("waybill").asText();
      svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP"));
      svc.post("/v1/shipments/" + wb + "/events", desk, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      assertThat(reveal(svc, courier.token(), wb).status()).isEqualTo(200);

      pg.close();
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        TestService.Response created = svc.post("/v1/shipments", merchant, Fixtures.shipment("O-2"));
        TestService.Response revealed = reveal(svc, courier.token(), wb);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        for (TestService.Response r : new TestService.Response[] {created, revealed}) {
          assertThat(r.status()).as(r.body()).isEqualTo(503);
          assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
          assertThat(r.body()).doesNotContain(Fixtures.MARK_PHONE_DIGITS, "Exception", "at org.");
        }
        assertThat(ms).as("fails fast").isLessThan(15_000);
      }
      assertThat(svc.get("/health", null).status()).isEqualTo(503);

      pg = start(pgData, port);
      long deadline = System.currentTimeMillis() + 60_000;
      while (svc.get("/health", null).status() != 200 && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      assertThat(svc.post("/v1/shipments", merchant, Fixtures.shipment("O-3")).status()).isEqualTo(201);
      assertThat(reveal(svc, courier.token(), wb).status()).isEqualTo(200);
    } finally {
      pg.close();
    }
  }

  static EmbeddedPostgres start(Path dir, int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
  }

  static TestService.Response reveal(TestService svc, String token, String wb) {
    return svc.post("/v1/shipments/" + wb + "/reveal", token, Map.of("party", "recipient", "purpose", "DELIVERY"));
  }
}
