package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * A merchant voids its own shipment before pickup: twice is the same answer, after a scan it is a conflict, anyone
 * else learns nothing; afterwards its label, scans, tracking and verification all treat the number as void, and the
 * audit log holds the cancellation.
 */
class CancelShipmentTest {
  private static final Pattern QR = Pattern.compile("https?://[^\\s^]+/c/[A-Za-z0-9_\\-.~]+");

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void cancel_voidsTheNumberEverywhere_onlyForItsMerchant_andOnlyBeforePickup(String kind) {
    try (TestService svc = TestService.start(kind)) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String other = svc.principal("merchant", "Other shop", null).token();
      String support = svc.principal("support", "Desk", null).token();
      String origin = svc.principal("station", "Binjiang desk", "HZ-BJ01").token();
      String security = svc.principal("security", "Analyst", null).token();
      String platform = svc.principal("platform", "Market", null).token();
      String wb = create(svc, merchant, "C-1");
      String picked = create(svc, merchant, "C-2");
      TestService.Response zpl = svc.get("/v1/shipments/" + wb + "/label?format=zpl", merchant);
      assertThat(zpl.status()).isEqualTo(200);
      Matcher qr = QR.matcher(zpl.body());
      assertThat(qr.find()).as(zpl.body()).isTrue();
      String token = qr.group().substring(qr.group().indexOf("/c/") + 3);

      // Anyone but its merchant: exactly what a number never issued answers.
      TestService.Response unknown = svc.post("/v1/shipments/PV00000000000000A/cancel", other, Map.of());
      TestService.Response foreign = svc.post("/v1/shipments/" + wb + "/cancel", other, Map.of());
      assertThat(foreign.status()).isEqualTo(404);
      assertThat(foreign.body()).isEqualTo(unknown.body());
      // Other roles may not cancel at all: refused by role, alike for every number.
      for (String role : List.of(support, origin)) {
        assertThat(svc.post("/v1/shipments/" + wb + "/cancel", role, Map.of()).status()).isEqualTo(403);
      }
      assertThat(svc.post("/v1/shipments/" + wb + "/cancel", null, Map.of()).status()).isEqualTo(401);

      TestService.Response cancelled = svc.post("/v1/shipments/" + wb + "/cancel", merchant, Map.of());
      assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
      assertThat(cancelled.json().get("waybill").asText()).isEqualTo(wb);
      assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
      TestService.Response again = svc.post("/v1/shipments/" + wb + "/cancel", merchant, Map.of());
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body()).isEqualTo(cancelled.body());

      JsonNode view = svc.get("/v1/shipments/" + wb, merchant).json();
      assertThat(view.get("status").asText()).isEqualTo("CANCELLED");
      assertThat(view.get("events").get(0).get("type").asText()).isEqualTo("CANCELLED");
      // Cancelled, its retention ends as a finished parcel's does: earlier than at creation.
      assertThat(view.get("retentionEnds").asText()).isLessThan(
          svc.get("/v1/shipments/" + picked, merchant).json().get("retentionEnds").asText());

      // Picked up: too late.
      assertThat(svc.post("/v1/shipments/" + picked + "/events", origin, Map.of("type", "PICKED_UP")).status())
          .isEqualTo(201);
      TestService.Response late = svc.post("/v1/shipments/" + picked + "/cancel", merchant, Map.of());
      assertThat(late.status()).isEqualTo(409);
      assertThat(late.json().get("state").asText()).isEqualTo("PICKED_UP");

      // Its label no longer prints, alone or in a batch; its scans are refused.
      TestService.Response label = svc.get("/v1/shipments/" + wb + "/label", merchant);
      assertThat(label.status()).isEqualTo(409);
      assertThat(label.body()).contains("shipment-cancelled", "void");
      TestService.Response batch = svc.post("/v1/labels", merchant, Map.of("waybills", List.of(picked, wb)));
      assertThat(batch.status()).isEqualTo(400);
      assertThat(batch.body()).contains("waybills[1]", "cancelled").doesNotContain(wb);
      assertThat(svc.post("/v1/scans", origin, Map.of("qr", qr.group())).status()).isEqualTo(409);
      TestService.Response scan = svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP"));
      assertThat(scan.status()).isEqualTo(409);

      // Public tracking says it is void, with the phone digits or not, and shows nothing of the recipient.
      for (String path : List.of("/v1/track/" + wb, "/v1/track/" + wb + "?phoneLast4=4321")) {
        TestService.Response track = svc.get(path, null);
        assertThat(track.status()).as(path).isEqualTo(200);
        assertThat(track.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(track.json().get("verified").asBoolean()).isFalse();
        assertThat(track.body()).doesNotContain("recipient", "cod").doesNotContain(Fixtures.MARKERS);
      }
      TestService.Response byLabel = svc.get("/c/" + token, null);
      assertThat(byLabel.body()).contains("作废", "void").doesNotContain(Fixtures.MARKERS).doesNotContain("Z**");

      // A marketplace check: void, nothing of the order compared.
      Map<String, Object> order = new LinkedHashMap<>(Map.of("waybill", wb, "orderId", "O-1",
          "orderCreatedAt", svc.clock.instant().minus(Duration.ofDays(1)).toString(),
          "origin", Fixtures.area("浙江省", "杭州市", "滨江区"), "destination", Fixtures.area("浙江省", "杭州市", "西湖区")));
      order.put("recipientPhone", Fixtures.MARK_PHONE);
      TestService.Response verified = svc.post("/v1/verifications", platform, order);
      assertThat(verified.status()).as(verified.body()).isEqualTo(200);
      assertThat(verified.json().get("verdict").asText()).isEqualTo("VOID");
      assertThat(verified.body()).contains("void").doesNotContain(Fixtures.MARKERS);

      // The audit log: one entry, by the merchant, for this number.
      JsonNode entries = svc.get("/v1/audit/entries?start=0&end=10000", security).json().get("entries");
      List<JsonNode> cancels = new java.util.ArrayList<>();
      entries.forEach(e -> {
        if (e.get("action").asText().equals("shipment.cancel")) {
          cancels.add(e);
        }
      });
      assertThat(cancels).singleElement().satisfies(e -> {
        assertThat(e.get("waybill").asText()).isEqualTo(wb);
        assertThat(e.get("principalRole").asText()).isEqualTo("merchant");
      });
    }
  }

  static String create(TestService svc, String merchant, String reference) {
    return svc.post("/v1/shipments", merchant, Fixtures.shipment(reference)).json().get("waybill").asText();
  }
}
