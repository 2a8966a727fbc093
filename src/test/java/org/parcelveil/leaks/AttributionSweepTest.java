package org.parcelveil.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.leaks.attribution.AttributionBounds;
import org.parcelveil.leaks.service.LeakSettings;

/**
 * Attribution is not a reverse look-up service: a sweep of a phone range is held for an admin and names nobody's
 * waybill or merchant to the sweeper; every matched record is audit-logged; a daily bound per principal holds across
 * nodes. Runs against PostgreSQL, as production does.
 */
class AttributionSweepTest {
  private static final String REAL_PHONE = "13912345678";

  @Test
  void phoneRangeSweep_isHeldForASecondPerson_andNamesNoWaybillOrMerchantToTheSweeper() throws Exception {
    try (TestService svc = TestService.start("postgres")) {
      Fixtures.network(svc);
      var merchant = svc.principal("merchant", "Sweepshop", null);
      var security = svc.principal("security", "Sec", null);
      String otherSecurity = svc.principal("security", "Sec two", null).token();
      String waybill = LeakApiTest.ship(svc, merchant.token(), "SW-1", REAL_PHONE);
      List<Map<String, Object>> sweep = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        sweep.add(Map.of("phone", String.format("1391234%04d", i)));
      }

      TestService.Response held = svc.post("/v1/attributions", security.token(), Map.of("records", sweep));
      assertThat(held.status()).as(held.body()).isEqualTo(202);
      assertThat(held.json().get("status").asText()).isEqualTo("pending");
      assertThat(held.body()).doesNotContain(waybill).doesNotContain(merchant.principal().id())
          .doesNotContain("Sweepshop").doesNotContain(REAL_PHONE);
      String runId = held.json().get("runId").asText();
      String run = "/v1/attributions/" + runId;
      TestService.Response stillHeld = svc.get(run, security.token());
      assertThat(stillHeld.status()).isEqualTo(202);
      assertThat(stillHeld.body()).doesNotContain(waybill).doesNotContain(merchant.principal().id());

      // The requester cannot release its own run, nor can another security principal or a merchant.
      assertThat(svc.post(run + "/approve", security.token(), "{}").status()).isEqualTo(403);
      assertThat(svc.post(run + "/approve", otherSecurity, "{}").status()).isEqualTo(403);
      assertThat(svc.post(run + "/approve", merchant.token(), "{}").status()).isEqualTo(403);
      assertThat(svc.post("/v1/attributions/at_nope/approve", svc.adminToken, "{}").status()).isEqualTo(404);
      JsonNode queue = svc.get("/v1/attributions?status=pending", svc.adminToken).json();
      assertThat(queue.toString()).contains(runId).contains("sweep").doesNotContain(waybill);
      TestService.Response approved = svc.post(run + "/approve", svc.adminToken, "{}");
      assertThat(approved.status()).as(approved.body()).isEqualTo(200);
      assertThat(svc.post(run + "/approve", svc.adminToken, "{}").status()).as("once").isEqualTo(409);

      // Released: the ranking, with evidence aggregated per suspect, to the requester only.
      assertThat(svc.get(run, otherSecurity).status()).isEqualTo(404);
      TestService.Response released = svc.get(run, security.token());
      assertThat(released.status()).as(released.body()).isEqualTo(200);
      assertThat(released.json().get("matched").asInt()).isEqualTo(1);
      assertThat(released.json().get("suspects").get(0).get("principalId").asText())
          .isEqualTo(merchant.principal().id());
      assertThat(released.json().get("suspects").get(0).at("/evidence/how/created").asInt()).isEqualTo(1);
      assertThat(released.body()).doesNotContain(waybill).doesNotContain(REAL_PHONE);

      assertThat(audit(svc, "attribution.match")).containsExactly(
          security.principal().id() + " " + waybill + " recipient " + runId);
      assertThat(audit(svc, "attribution.hold")).singleElement().asString().startsWith(security.principal().id());
      assertThat(audit(svc, "attribution.approve")).singleElement().asString().contains(runId);
      JsonNode alert = LeakApiTest.awaitAlert(svc, otherSecurity, "attribution_sweep");
      assertThat(alert.get("principalId").asText()).isEqualTo(security.principal().id());
      assertThat(alert.toString()).doesNotContain("1391234");
    }
  }

  @Test
  void smallSweepUnderTheRecordThreshold_isStillHeld() {
    try (TestService svc = TestService.start("postgres")) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Sweepshop", null).token();
      String security = svc.principal("security", "Sec", null).token();
      String waybill = LeakApiTest.ship(svc, merchant, "SW-2", REAL_PHONE);
      List<Map<String, Object>> sweep = new ArrayList<>();
      for (int i = 5500; i < 5800; i++) {
        sweep.add(Map.of("phone", String.format("1391234%04d", i)));
      }
      TestService.Response held = svc.post("/v1/attributions", security, Map.of("records", sweep));
      assertThat(held.status()).as(held.body()).isEqualTo(202);
      assertThat(held.json().get("reason").asText()).isEqualTo("sweep");
      assertThat(held.body()).doesNotContain(waybill);
    }
  }

  @Test
  void everyMatchedRecordIsAuditLogged_andTheDailyMatchBoundHoldsAcrossNodes() {
    AttributionBounds bounds = AttributionBounds.DEFAULTS.withDailyMatched(3);
    try (TestService a = TestService.start("postgres",
        s -> s.withLeaks(LeakSettings.DEFAULTS.withAttributionBounds(bounds)))) {
      Fixtures.network(a);
      String merchant = a.principal("merchant", "Shop", null).token();
      var security = a.principal("security", "Sec", null);
      List<String> waybills = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        waybills.add(LeakApiTest.ship(a, merchant, "D-" + i, "1370000000" + i));
      }
      TestService.Response first = a.post("/v1/attributions", security.token(), Map.of("records", List.of(
          Map.of("phone", "13700000000"), Map.of("phone", "13700000001"), Map.of("phone", "13655550000"))));
      assertThat(first.status()).as(first.body()).isEqualTo(200);
      assertThat(first.json().get("matched").asInt()).isEqualTo(2);
      assertThat(first.body()).doesNotContain(waybills.get(0)).doesNotContain(waybills.get(1));
      String runId = first.json().get("runId").asText();
      assertThat(audit(a, "attribution.match")).containsExactlyInAnyOrder(
          security.principal().id() + " " + waybills.get(0) + " recipient " + runId,
          security.principal().id() + " " + waybills.get(1) + " recipient " + runId);

      try (TestService b = a.anotherNode()) {
        TestService.Response second = b.post("/v1/attributions", security.token(), Map.of("records", List.of(
            Map.of("phone", "13700000002"), Map.of("phone", "13700000003"))));
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        assertThat(second.json().get("reason").asText()).isEqualTo("daily_bound");
        assertThat(second.body()).doesNotContain(waybills.get(2));
        TestService.Response third = b.post("/v1/attributions", security.token(), Map.of("records", List.of(
            Map.of("phone", "13700000002"))));
        assertThat(third.status()).as("one more match still fits").isEqualTo(200);
      }
    }
  }

  /** Entries of one action as "principal waybill party reason". */
  private static List<String> audit(TestService svc, String action) {
    List<String> out = new ArrayList<>();
    try (Connection c = svc.pv.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT principal_id, waybill, party, reason FROM audit_entries WHERE action = ? ORDER BY idx")) {
      ps.setString(1, action);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
