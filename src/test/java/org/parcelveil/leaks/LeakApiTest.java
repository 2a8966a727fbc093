package org.parcelveil.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/** The leak defence through the API: canaries and their alerts, detectors, suspension and attribution. */
class LeakApiTest {

  record Cast(String security, String merchant, String otherMerchant, String destDesk, String courier,
      String courierId, String otherCourier, String otherCourierId) {}

  static Cast cast(TestService svc) {
    Fixtures.network(svc);
    var courier = svc.principal("courier", "Courier X", "HZ-XH01");
    var other = svc.principal("courier", "Courier Y", "HZ-XH01");
    return new Cast(svc.principal("security", "Sec", null).token(), svc.principal("merchant", "Shop A", null).token(),
        svc.principal("merchant", "Shop B", null).token(), svc.principal("station", "Xihu desk", "HZ-XH01").token(),
        courier.token(), courier.principal().id(), other.token(), other.principal().id());
  }

  static String ship(TestService svc, String merchant, String ref, String phone) {
    Map<String, Object> s = new LinkedHashMap<>(Fixtures.shipment(ref));
    s.put("recipient", Fixtures.party("收件人" + ref, phone, "西湖区"));
    s.put("sender", Fixtures.party("Qxsender Shop", "13800001111", "西湖区"));
    return svc.post("/v1/shipments", merchant, s).json().get("waybill").asText();
  }

  static void outForDelivery(TestService svc, Cast c, String wb, String courierId) {
    svc.post("/v1/shipments/" + wb + "/events", c.destDesk(), Map.of("type", "PICKED_UP"));
    svc.post("/v1/shipments/" + wb + "/events", c.destDesk(), Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId));
  }

  static TestService.Response reveal(TestService svc, String token, String wb) {
    return svc.post("/v1/shipments/" + wb + "/reveal", token, Map.of("party", "recipient", "purpose", "DELIVERY"));
  }

  static JsonNode awaitAlert(TestService svc, String token, String kind) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      svc.pv.leaks().engine().flush();
      for (JsonNode a : svc.get("/v1/alerts?since=2000-01-01T00:00:00Z", token).json().get("items")) {
        if (a.get("kind").asText().equals(kind)) {
          return a;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + kind + " alert");
  }

  @Test
  void canaries_lookReal_areListedOnlyToSecurity_andAnyTouchRaisesACriticalAlertNamingTheChannel() throws Exception {
    try (TestService svc = TestService.start()) {
      Cast c = cast(svc);
      TestService.Response created = svc.post("/v1/canaries", c.security(), Map.of("channel", "station:HZ-XH01", "count", 3));
      assertThat(created.status()).isEqualTo(201);
      List<String> waybills = new ArrayList<>();
      created.json().get("waybills").forEach(w -> waybills.add(w.asText()));
      assertThat(waybills).hasSize(3);
      assertThat(svc.post("/v1/canaries", c.merchant(), Map.of("channel", "x", "count", 1)).status()).isEqualTo(403);
      assertThat(svc.get("/v1/canaries", svc.adminToken).status()).isEqualTo(403);
      assertThat(svc.get("/v1/canaries", c.security()).json().get("items")).hasSize(3);
      assertThat(svc.post("/v1/canaries", c.security(), Map.of("channel", "bad channel!", "count", 0)).status())
          .isEqualTo(400);

      String real = ship(svc, c.merchant(), "R-1", "13900000001");
      JsonNode canaryView = svc.get("/v1/shipments/" + waybills.get(0), svc.adminToken).json();
      JsonNode realView = svc.get("/v1/shipments/" + real, svc.adminToken).json();
      List<String> canaryFields = new ArrayList<>();
      canaryView.fieldNames().forEachRemaining(canaryFields::add);
      List<String> realFields = new ArrayList<>();
      realView.fieldNames().forEachRemaining(realFields::add);
      assertThat(canaryFields).isEqualTo(realFields);
      assertThat(canaryView.toString()).doesNotContainIgnoringCase("canary");
      assertThat(canaryView.at("/masked/recipient/phone").asText()).matches("\\*{7}\\d{4}");

      JsonNode alert = awaitAlert(svc, c.security(), "canary_touched");
      assertThat(alert.get("severity").asText()).isEqualTo("critical");
      assertThat(alert.get("waybill").asText()).isEqualTo(waybills.get(0));
      assertThat(alert.get("detail").asText()).contains("station:HZ-XH01");
    }
  }

  @Test
  void refusalBurst_raisesAnAlert_andSuspendingItRevokesThePrincipalAtOnce() throws Exception {
    try (TestService svc = TestService.start()) {
      Cast c = cast(svc);
      for (int i = 0; i < 6; i++) {
        String wb = ship(svc, c.merchant(), "B-" + i, "1390000010" + i);
        outForDelivery(svc, c, wb, c.otherCourierId());
        // Another courier's parcel: answered as unknown, yet logged and counted as a refusal.
        assertThat(reveal(svc, c.courier(), wb).status()).isEqualTo(404);
      }
      JsonNode burst = awaitAlert(svc, c.security(), "refusal_burst");
      assertThat(burst.get("principalId").asText()).isEqualTo(c.courierId());
      assertThat(burst.get("state").asText()).isEqualTo("open");
      String ack = "/v1/alerts/" + burst.get("id").asText() + "/acknowledge";
      assertThat(svc.post(ack, c.merchant(), "{}").status()).isEqualTo(403);
      assertThat(svc.post(ack, c.security(), "{}").json().get("changed").asBoolean()).isTrue();
      assertThat(svc.post(ack, c.security(), "{}").json().get("changed").asBoolean()).as("once").isFalse();
      String since = "/v1/alerts?since=2000-01-01T00:00:00Z";
      assertThat(svc.get(since + "&state=open&kind=refusal_burst", c.security()).json().get("items")).isEmpty();
      assertThat(svc.get(since + "&state=acknowledged&kind=refusal_burst", c.security()).json().get("items")).hasSize(1);
      assertThat(svc.get(since + "&state=later", c.security()).status()).isEqualTo(400);
      assertThat(svc.post("/v1/alerts/al_nope/acknowledge", c.security(), "{}").status()).isEqualTo(404);
      assertThat(svc.post("/v1/alerts/" + burst.get("id").asText() + "/suspend", c.merchant(), "{}").status())
          .isEqualTo(403);
      TestService.Response suspended = svc.post("/v1/alerts/" + burst.get("id").asText() + "/suspend", c.security(), "{}");
      assertThat(suspended.status()).isEqualTo(200);
      assertThat(suspended.json().get("revoked").asBoolean()).isTrue();
      assertThat(svc.get("/v1/shipments/anything", c.courier()).status()).isEqualTo(401);
      assertThat(svc.post("/v1/alerts/al_nope/suspend", c.security(), "{}").status()).isEqualTo(404);
      assertThat(svc.post("/v1/principals/" + c.otherCourierId() + "/suspend", c.security(), "{}").json()
          .get("revoked").asBoolean()).isTrue();
      assertThat(svc.get("/v1/alerts?since=yesterday", c.security()).status()).isEqualTo(400);
    }
  }

  @Test
  void attribution_ranksTheCourierWhoSawTheLeakedRecordsFirst_andFindsCanaries() throws Exception {
    try (TestService svc = TestService.start()) {
      Cast c = cast(svc);
      List<Map<String, Object>> leak = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String phone = "1390000020" + i;
        String wb = ship(svc, i % 2 == 0 ? c.merchant() : c.otherMerchant(), "A-" + i, phone);
        outForDelivery(svc, c, wb, c.courierId());
        assertThat(reveal(svc, c.courier(), wb).status()).isEqualTo(200);
        leak.add(i < 2 ? Map.of("phone", phone, "name", "收件人A-" + i) : Map.of("waybill", wb, "phone", phone));
      }
      String canary = svc.post("/v1/canaries", c.security(), Map.of("channel", "export:2026-12", "count", 1)).json()
          .get("waybills").get(0).asText();
      leak.add(Map.of("waybill", canary));
      leak.add(Map.of("phone", "13911112222", "name", "nobody"));
      assertThat(svc.post("/v1/attributions", c.merchant(), Map.of("records", leak)).status()).isEqualTo(403);
      TestService.Response r = svc.post("/v1/attributions", c.security(), Map.of("records", leak));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode report = r.json();
      assertThat(report.get("matched").asInt()).isEqualTo(5);
      assertThat(report.get("unmatched").asInt()).isEqualTo(1);
      JsonNode suspects = report.get("suspects");
      assertThat(suspects.get(0).has("channel") || suspects.get(0).get("principalId").asText().equals(c.courierId()))
          .isTrue();
      List<String> order = new ArrayList<>();
      suspects.forEach(s -> order.add(s.has("principalId") ? s.get("principalId").asText() : s.get("channel").asText()));
      assertThat(order).contains("export:2026-12", c.courierId());
      JsonNode courier = suspects.get(order.indexOf(c.courierId()));
      assertThat(courier.get("covered").asInt()).isEqualTo(4);
      // Four records, each held by the courier and one merchant, p = 0.2: 1 - (1 - 0.8/2)^4.
      assertThat(courier.get("score").asDouble()).isCloseTo(1 - Math.pow(0.6, 4), org.assertj.core.data.Offset.offset(1e-6));
      assertThat(courier.at("/evidence/how/revealed").asInt()).as("evidence in aggregate").isEqualTo(4);
      for (int i = 0; i < order.size(); i++) {
        if (!order.get(i).equals("export:2026-12") && !order.get(i).equals(c.courierId())) {
          assertThat(suspects.get(i).get("weight").asDouble()).isLessThan(courier.get("weight").asDouble());
        }
      }
      assertThat(r.body()).doesNotContain("13900000200").doesNotContain("收件人");
      assertThat(awaitAlert(svc, c.security(), "canary_in_leak").get("detail").asText()).contains("export:2026-12");
      assertThat(svc.post("/v1/attributions", c.security(), Map.of("records", List.of())).status()).isEqualTo(400);
      // A shop's number matches through the sender column: the merchants that sent from it are the candidates; the
      // courier saw only recipients.
      JsonNode bySender = svc.post("/v1/attributions", c.security(),
          Map.of("records", List.of(Map.of("phone", "13800001111")))).json();
      assertThat(bySender.get("matched").asInt()).isEqualTo(1);
      assertThat(bySender.get("suspects")).isNotEmpty()
          .allSatisfy(s -> assertThat(s.at("/evidence/how").fieldNames()).toIterable().containsExactly("created"));
    }
  }
}
