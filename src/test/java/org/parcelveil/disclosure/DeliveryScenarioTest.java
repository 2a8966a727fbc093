package org.parcelveil.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.parcelveil.access.DisclosureLimits;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/** A whole delivery through the API: assignments, scans, reveals allowed and refused, budgets and revocation. */
class DeliveryScenarioTest {

  record Cast(String merchant, String originDesk, String destDesk, String pickupCourier, String pickupCourierId,
      String courier, String courierId, String otherCourier, String support) {}

  static Cast cast(TestService svc) {
    Fixtures.network(svc);
    var a = svc.principal("courier", "Courier A", "HZ-BJ01");
    var b = svc.principal("courier", "Courier B", "HZ-XH01");
    return new Cast(svc.principal("merchant", "Shop", null).token(),
        svc.principal("station", "Binjiang desk", "HZ-BJ01").token(),
        svc.principal("station", "Xihu desk", "HZ-XH01").token(),
        a.token(), a.principal().id(), b.token(), b.principal().id(),
        svc.principal("courier", "Courier C", "HZ-XH01").token(),
        svc.principal("support", "Agent", null).token());
  }

  static TestService.Response event(TestService svc, String token, String waybill, Map<String, Object> body) {
    return svc.post("/v1/shipments/" + waybill + "/events", token, body);
  }

  static TestService.Response reveal(TestService svc, String token, String waybill, String party, String purpose,
      String ticket) {
    return svc.post("/v1/shipments/" + waybill + "/reveal", token,
        ticket == null ? Map.of("party", party, "purpose", purpose)
            : Map.of("party", party, "purpose", purpose, "ticket", ticket));
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void wholeDelivery_revealsOnlyToTheAssignedCourierInState_andLogsEveryAttempt(String kind) {
    try (TestService svc = TestService.start(kind)) {
      Cast c = cast(svc);
      String wb = svc.post("/v1/shipments", c.merchant(), Fixtures.shipment("S-1")).json().get("waybill").asText();

      // Not assigned yet: the courier may not see the parcel, so it is as unknown as a made-up number.
      assertThat(reveal(svc, c.pickupCourier(), wb, "sender", "PICKUP", null).status()).isEqualTo(404);
      assertThat(event(svc, c.destDesk(), wb, Map.of("type", "PICKUP_ASSIGNED", "courierId", c.pickupCourierId()))
          .status()).isEqualTo(403);
      assertThat(event(svc, c.originDesk(), wb, Map.of("type", "PICKUP_ASSIGNED", "courierId", c.pickupCourierId()))
          .status()).isEqualTo(201);
      TestService.Response sender = reveal(svc, c.pickupCourier(), wb, "sender", "PICKUP", null);
      assertThat(sender.status()).isEqualTo(200);
      assertThat(sender.json().at("/party/phone").asText()).isEqualTo("13800001111");
      assertThat(sender.header("Cache-Control")).isEqualTo("no-store");
      assertThat(sender.json().get("auditIndex").isIntegralNumber()).isTrue();
      assertThat(event(svc, c.pickupCourier(), wb, Map.of("type", "PICKED_UP", "weightGrams", 1180)).json()
          .get("state").asText()).isEqualTo("PICKED_UP");
      assertThat(reason(reveal(svc, c.pickupCourier(), wb, "sender", "PICKUP", null))).isEqualTo("wrong_state");

      assertThat(event(svc, c.destDesk(), wb, Map.of("type", "ARRIVED", "stationCode", "HZ-BJ01")).status())
          .isEqualTo(403);
      assertThat(event(svc, c.destDesk(), wb, Map.of("type", "ARRIVED")).status()).isEqualTo(201);
      assertThat(event(svc, c.destDesk(), wb, Map.of("type", "OUT_FOR_DELIVERY", "courierId", c.pickupCourierId()))
          .status()).isEqualTo(400);
      assertThat(event(svc, c.destDesk(), wb, Map.of("type", "OUT_FOR_DELIVERY", "courierId", c.courierId()))
          .status()).isEqualTo(201);

      assertThat(svc.get("/v1/shipments/" + wb, c.courier()).status()).isEqualTo(200);
      assertThat(svc.get("/v1/shipments/" + wb, c.otherCourier()).status()).isEqualTo(404);
      assertThat(reveal(svc, c.otherCourier(), wb, "recipient", "DELIVERY", null).status()).isEqualTo(404);
      assertThat(reason(reveal(svc, c.courier(), wb, "sender", "DELIVERY", null))).isEqualTo("party_not_allowed");
      TestService.Response recipient = reveal(svc, c.courier(), wb, "recipient", "DELIVERY", null);
      assertThat(recipient.status()).isEqualTo(200);
      assertThat(recipient.json().at("/party/name").asText()).startsWith(Fixtures.MARK_NAME);
      assertThat(recipient.json().at("/party/address/detail").asText()).startsWith(Fixtures.MARK_DETAIL);

      assertThat(reason(reveal(svc, c.support(), wb, "recipient", "SUPPORT", null))).isEqualTo("ticket_required");
      assertThat(reveal(svc, c.support(), wb, "recipient", "SUPPORT", "T-1001").status()).isEqualTo(200);
      assertThat(reason(reveal(svc, svc.adminToken, wb, "recipient", "SUPPORT", "T-1"))).isEqualTo("role_not_allowed");
      assertThat(reason(reveal(svc, c.merchant(), wb, "recipient", "DELIVERY", null))).isEqualTo("role_not_allowed");
      assertThat(reveal(svc, c.courier(), "PV00000000000000A", "recipient", "DELIVERY", null).status()).isEqualTo(404);

      assertThat(event(svc, c.otherCourier(), wb, Map.of("type", "DELIVERED")).status()).isEqualTo(404);
      assertThat(event(svc, c.courier(), wb, Map.of("type", "DELIVERED", "codCollected", true)).json().get("state").asText())
          .isEqualTo("DELIVERED");
      TestService.Response illegal = event(svc, c.destDesk(), wb, Map.of("type", "ARRIVED"));
      assertThat(illegal.status()).isEqualTo(409);
      assertThat(illegal.json().get("state").asText()).isEqualTo("DELIVERED");
      assertThat(reason(reveal(svc, c.courier(), wb, "recipient", "DELIVERY", null))).isEqualTo("wrong_state");

      JsonNode events = svc.get("/v1/shipments/" + wb, c.merchant()).json().get("events");
      assertThat(events).extracting(e -> e.get("type").asText())
          .containsExactly("PICKUP_ASSIGNED", "PICKED_UP", "ARRIVED", "OUT_FOR_DELIVERY", "DELIVERED");

      String courierId = c.courierId();
      assertThat(svc.delete("/v1/principals/" + courierId, svc.adminToken).status()).isEqualTo(204);
      assertThat(svc.get("/v1/shipments/" + wb, c.courier()).status()).isEqualTo(401);
    }
  }

  @Test
  void budgetsAndWindow_refuseBeyondTheirLimits() {
    try (TestService svc = TestService.start("postgres",
        s -> s.withDisclosure(new DisclosureLimits(Duration.ofHours(2), 3, 2, 20, 2)))) {
      // From 01:00 UTC, so that the three hours below stay within one budget day whenever the test runs.
      Instant now = svc.clock.instant();
      svc.clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(25))));
      Cast c = cast(svc);
      String[] wb = new String[3];
      for (int i = 0; i < 3; i++) {
        wb[i] = svc.post("/v1/shipments", c.merchant(), Fixtures.shipment("W-" + i)).json().get("waybill").asText();
        event(svc, c.originDesk(), wb[i], Map.of("type", "PICKED_UP"));
        event(svc, c.destDesk(), wb[i], Map.of("type", "OUT_FOR_DELIVERY", "courierId", c.courierId()));
      }
      assertThat(reveal(svc, c.courier(), wb[0], "recipient", "DELIVERY", null).status()).isEqualTo(200);
      assertThat(reveal(svc, c.courier(), wb[0], "recipient", "DELIVERY", null).status()).isEqualTo(200);
      // The cap for one parcel and the day's total are told apart; the reason stays the same for clients.
      TestService.Response parcelCap = reveal(svc, c.courier(), wb[0], "recipient", "DELIVERY", null);
      assertThat(reason(parcelCap)).isEqualTo("budget_exceeded");
      assertThat(parcelCap.json().get("budget").asText()).isEqualTo("shipment");
      assertThat(parcelCap.json().get("limit").asInt()).isEqualTo(2);
      assertThat(reveal(svc, c.courier(), wb[1], "recipient", "DELIVERY", null).status()).isEqualTo(200);
      TestService.Response daily = reveal(svc, c.courier(), wb[2], "recipient", "DELIVERY", null);
      assertThat(reason(daily)).isEqualTo("budget_exceeded");
      assertThat(daily.json().get("budget").asText()).isEqualTo("daily");
      assertThat(daily.json().get("limit").asInt()).isEqualTo(3);
      // The alert says which budget refused: one parcel's cap is not the day's budget. (The detectors raise one alert
      // of a kind per principal within their cool-down, so the day's total that follows adds none.)
      svc.pv.leaks().engine().flush();
      String security = svc.principal("security", "Sec", null).token();
      List<String> details = new ArrayList<>();
      svc.get("/v1/alerts?since=2000-01-01T00:00:00Z", security).json().get("items").forEach(a -> {
        if (a.get("kind").asText().equals("budget_exhausted")) {
          details.add(a.get("waybill").asText() + " " + a.get("detail").asText());
        }
      });
      assertThat(details).containsExactly(wb[0] + " refused past the reveal cap for one parcel (not the daily budget)");

      svc.clock.advance(Duration.ofHours(3));
      assertThat(reason(reveal(svc, c.courier(), wb[2], "recipient", "DELIVERY", null))).isEqualTo("outside_window");
      event(svc, c.courier(), wb[2], Map.of("type", "DELIVERY_FAILED", "reason", "ABSENT"));
      event(svc, c.destDesk(), wb[2], Map.of("type", "OUT_FOR_DELIVERY", "courierId", c.courierId()));
      // A new assignment opens a new window; the daily budget is still spent until the next day.
      assertThat(reason(reveal(svc, c.courier(), wb[2], "recipient", "DELIVERY", null))).isEqualTo("budget_exceeded");
      svc.clock.advance(Duration.ofDays(1));
      event(svc, c.courier(), wb[2], Map.of("type", "DELIVERY_FAILED", "reason", "ABSENT"));
      event(svc, c.destDesk(), wb[2], Map.of("type", "OUT_FOR_DELIVERY", "courierId", c.courierId()));
      assertThat(reveal(svc, c.courier(), wb[2], "recipient", "DELIVERY", null).status()).isEqualTo(200);
    }
  }

  static String reason(TestService.Response r) {
    assertThat(r.status()).as(r.body()).isIn(403, 410);
    assertThat(r.json().has("auditIndex")).isTrue();
    return r.json().get("reason").asText();
  }
}
