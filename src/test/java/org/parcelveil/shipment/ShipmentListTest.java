package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.http.Paging;

/**
 * {@code GET /v1/shipments}: a merchant's own shipments, newest first, page by page without duplicates or gaps, with
 * filters; bad limits, cursors and filters are 400s naming the field; a cursor cannot reach another merchant's list.
 */
class ShipmentListTest {

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void list_walksEveryPageOnce_newestFirst_scopedAndFiltered(String kind) {
    try (TestService svc = TestService.start(kind)) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String other = svc.principal("merchant", "Other shop", null).token();
      String foreign = CancelShipmentTest.create(svc, other, "R-1");
      List<String> made = new ArrayList<>();
      // Six made by one batch share one creation time: the waybill breaks the tie, and a page boundary falls among
      // them without losing or repeating one.
      List<Object> batch = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        batch.add(Fixtures.shipment("R-" + i));
      }
      svc.post("/v1/shipments/batch", merchant, Map.of("shipments", batch)).json().get("results")
          .forEach(r -> made.add(r.get("waybill").asText()));
      for (int i = 6; i < 11; i++) {
        svc.clock.advance(Duration.ofSeconds(1));
        made.add(CancelShipmentTest.create(svc, merchant, "R-" + i));
      }
      List<String> seen = new ArrayList<>();
      List<String> times = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        TestService.Response r = svc.get("/v1/shipments?limit=4" + (cursor == null ? "" : "&cursor=" + cursor), merchant);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(Fixtures.MARKERS);
        r.json().get("items").forEach(item -> {
          seen.add(item.get("waybill").asText());
          times.add(item.get("createdAt").asText());
          assertThat(item.at("/masked/recipient/name").asText()).isEqualTo("Z**");
        });
        cursor = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asText();
        pages++;
      } while (cursor != null);
      assertThat(pages).isEqualTo(3);
      assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(made).doesNotContain(foreign);
      assertThat(times.stream().map(Instant::parse).toList())
          .isSortedAccordingTo(java.util.Comparator.<Instant>naturalOrder().reversed());
      assertThat(times.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

      // The default page holds them all; a full page has no next cursor only when nothing follows.
      JsonNode all = svc.get("/v1/shipments", merchant).json();
      assertThat(all.get("items")).hasSize(11);
      assertThat(all.get("nextCursor").isNull()).isTrue();

      // Another merchant's cursor, or an edited one, moves only within the caller's own list.
      String mine = svc.get("/v1/shipments?limit=1", merchant).json().get("nextCursor").asText();
      JsonNode theirs = svc.get("/v1/shipments?cursor=" + mine, other).json();
      assertThat(theirs.get("items").findValuesAsText("waybill")).containsExactly(foreign);
      String forged = Paging.cursor("shipments", Paging.timePosition(Instant.now().plusSeconds(86_400), "ZZZZ"));
      assertThat(svc.get("/v1/shipments?cursor=" + forged, other).json().get("items").findValuesAsText("waybill"))
          .containsExactly(foreign);

      // Filters.
      assertThat(waybills(svc.get("/v1/shipments?reference=R-4", merchant))).containsExactly(made.get(4));
      assertThat(svc.post("/v1/shipments/" + made.get(2) + "/cancel", merchant, Map.of()).status()).isEqualTo(200);
      assertThat(waybills(svc.get("/v1/shipments?state=cancelled", merchant))).containsExactly(made.get(2));
      assertThat(waybills(svc.get("/v1/shipments?state=CREATED", merchant))).hasSize(10);
      String third = all.get("items").get(2).get("createdAt").asText();
      List<String> from = waybills(svc.get("/v1/shipments?createdFrom=" + enc(third), merchant));
      assertThat(from).containsExactlyInAnyOrderElementsOf(made.subList(8, 11));
      List<String> before = waybills(svc.get("/v1/shipments?createdTo=" + enc(third), merchant));
      assertThat(before).containsExactlyInAnyOrderElementsOf(made.subList(0, 8));
      assertThat(waybills(svc.get("/v1/shipments?createdFrom=" + enc("2020-01-01T08:00:00+08:00") + "&createdTo="
          + enc(third), merchant))).hasSize(8);

      // Printed: noted when the label is first handed out.
      assertThat(svc.get("/v1/shipments?reference=R-5", merchant).json().at("/items/0/printedAt").isNull()).isTrue();
      assertThat(svc.get("/v1/shipments/" + made.get(5) + "/label?format=zpl", merchant).status()).isEqualTo(200);
      assertThat(svc.get("/v1/shipments?reference=R-5", merchant).json().at("/items/0/printedAt").asText())
          .isNotEmpty();

      // Bad input: a 400 naming the field.
      assertThat(field(svc.get("/v1/shipments?limit=201", merchant))).isEqualTo("limit");
      assertThat(field(svc.get("/v1/shipments?limit=0", merchant))).isEqualTo("limit");
      assertThat(field(svc.get("/v1/shipments?limit=ten", merchant))).isEqualTo("limit");
      assertThat(field(svc.get("/v1/shipments?cursor=not-a-cursor", merchant))).isEqualTo("cursor");
      String stationCursor = Paging.cursor("stations", "HZH");
      assertThat(field(svc.get("/v1/shipments?cursor=" + stationCursor, merchant))).isEqualTo("cursor");
      String garbled = Base64.getUrlEncoder().withoutPadding().encodeToString("1|shipments|12|x".getBytes());
      assertThat(field(svc.get("/v1/shipments?cursor=" + garbled, merchant))).isEqualTo("cursor");
      assertThat(field(svc.get("/v1/shipments?state=LOST", merchant))).isEqualTo("state");
      assertThat(field(svc.get("/v1/shipments?createdFrom=yesterday", merchant))).isEqualTo("createdFrom");
      assertThat(field(svc.get("/v1/shipments?createdFrom=" + enc(third) + "&createdTo=" + enc(third), merchant)))
          .isEqualTo("createdTo");
      assertThat(field(svc.get("/v1/shipments?reference=" + "x".repeat(65), merchant))).isEqualTo("reference");
      // Only merchants list shipments; support only looks them up by phone or reference (SupportLookupTest).
      assertThat(svc.get("/v1/shipments", svc.principal("station", "Desk", "HZ-XH01").token()).status())
          .isEqualTo(403);
      assertThat(field(svc.get("/v1/shipments", svc.principal("support", "Desk", null).token()))).isEqualTo("ticket");
    }
  }

  @Test
  void pageStatement_isAnIndexRangeScan_withoutASort() throws Exception {
    try (TestService svc = TestService.start("postgres");
        Connection c = svc.pv.database().connection();
        Statement st = c.createStatement()) {
      st.execute("SET enable_seqscan = off");
      ShipmentFilter filter = new ShipmentFilter(null, ShipmentState.CREATED, Instant.EPOCH, null);
      String sql = ShipmentRepository.pageStatement(filter, true)
          .replace(":merchant", "'m_1'").replace(":state", "'CREATED'")
          .replace(":from", "TIMESTAMPTZ '2026-01-01 00:00:00Z'")
          .replace(":afterAt", "TIMESTAMPTZ '2026-12-01 00:00:00Z'").replace(":afterWaybill", "'PV1'")
          .replace(":limit", "51");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = st.executeQuery("EXPLAIN (COSTS OFF) " + sql)) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      assertThat(plan.toString()).contains("Index Scan Backward using shipments_merchant_page")
          .containsPattern("Index Cond: .*ROW\\(created_at, \\(?waybill").doesNotContain("Sort");
    }
  }

  private static List<String> waybills(TestService.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("items").findValuesAsText("waybill");
  }

  private static String field(TestService.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    return r.json().at("/errors/0/field").asText();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
