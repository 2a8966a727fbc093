package org.parcelveil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.http.Json;

/**
 * After-sales without decrypting: the shop of a sealed shipment reaches its buyer through a relay number, in the
 * after-sales window, within its budget, from its registered phone only, and never learns the buyer's number.
 */
class AfterSalesRelayTest {
  static final String SHOP_PHONE = "13700008888";

  @Test
  void theShopOfASealedShipment_reachesTheBuyerByRelay_untilFifteenDaysAfterDelivery() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String platformId = svc.principal("platform", "Marketplace", null).principal().id();
      var shop = svc.pv.principals().create(null, "merchant", "Shop", null, SHOP_PHONE);
      var noPhone = svc.principal("merchant", "Shop without phone", null);
      var otherShop = svc.pv.principals().create(null, "merchant", "Other shop", null, "13700009999");
      String wb = svc.post("/v1/shipments", shop.token(), Sealing.shipment(svc, platformId, "TB-1", shop.principal().id()))
          .json().get("waybill").asText();

      TestService.Response contact = svc.post("/v1/shipments/" + wb + "/contact", shop.token(), Map.of());
      assertThat(contact.status()).as(contact.body()).isEqualTo(200);
      String number = contact.json().get("number").asText();
      String ext = contact.json().get("extension").asText();
      for (String marker : Fixtures.MARKERS) {
        assertThat(contact.body()).doesNotContain(marker);
      }
      // The open binding is handed out again, and routes only the shop's registered phone, to the buyer.
      assertThat(svc.post("/v1/shipments/" + wb + "/contact", shop.token(), Map.of()).json().get("extension").asText())
          .isEqualTo(ext);
      JsonNode connect = route(svc, number, ext, SHOP_PHONE).json();
      assertThat(connect.get("action").asText()).isEqualTo("connect");
      assertThat(connect.get("target").asText()).isEqualTo("+86" + Fixtures.MARK_PHONE);
      assertThat(route(svc, number, ext, "13900001234").json().get("reason").asText()).isEqualTo("unknown_caller");
      // Another shop learns nothing of the parcel; a shop without a phone could never use a binding.
      assertThat(svc.post("/v1/shipments/" + wb + "/contact", otherShop.token(), Map.of()).status()).isEqualTo(404);

      String origin = svc.principal("station", "Origin", "HZ-BJ01").token();
      String dest = svc.principal("station", "Dest", "HZ-XH01").token();
      var courier = svc.principal("courier", "Courier", "HZ-XH01");
      svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP", "weightGrams", 1200));
      svc.post("/v1/shipments/" + wb + "/events", dest,
          Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      assertThat(svc.post("/v1/shipments/" + wb + "/events", courier.token(), Map.of("type", "DELIVERED")).status())
          .isEqualTo(201);

      svc.clock.advance(Duration.ofDays(14));
      TestService.Response late = svc.post("/v1/shipments/" + wb + "/contact", shop.token(), Map.of());
      assertThat(late.status()).as(late.body()).isEqualTo(200);
      assertThat(route(svc, late.json().get("number").asText(), late.json().get("extension").asText(), SHOP_PHONE)
          .json().get("action").asText()).isEqualTo("connect");
      svc.clock.advance(Duration.ofDays(1).plusMinutes(1));
      TestService.Response closed = svc.post("/v1/shipments/" + wb + "/contact", shop.token(), Map.of());
      assertThat(closed.status()).isEqualTo(403);
      assertThat(closed.json().get("reason").asText()).isEqualTo("outside_window");
      assertThat(route(svc, late.json().get("number").asText(), late.json().get("extension").asText(), SHOP_PHONE)
          .json().get("reason").asText()).isEqualTo("expired");

      // Each attempt, allowed or refused, has its own entry in the audit log.
      assertThat(closed.json().get("auditIndex").asLong()).isGreaterThan(late.json().get("auditIndex").asLong());
      assertThat(late.json().get("auditIndex").asLong()).isGreaterThan(contact.json().get("auditIndex").asLong());

      String wb2 = svc.post("/v1/shipments", noPhone.token(),
          Sealing.shipment(svc, platformId, "TB-2", noPhone.principal().id())).json().get("waybill").asText();
      TestService.Response withoutPhone = svc.post("/v1/shipments/" + wb2 + "/contact", noPhone.token(), Map.of());
      assertThat(withoutPhone.status()).isEqualTo(403);
      assertThat(withoutPhone.json().get("reason").asText()).isEqualTo("no_registered_phone");
    }
  }

  @Test
  void aPlainShipmentsShop_isRefused_andTheBudgetBoundsNewNumbers() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String platformId = svc.principal("platform", "Marketplace", null).principal().id();
      var shop = svc.pv.principals().create(null, "merchant", "Shop", null, SHOP_PHONE);
      String plain = svc.post("/v1/shipments", shop.token(), Fixtures.shipment("P-1")).json().get("waybill").asText();
      TestService.Response refused = svc.post("/v1/shipments/" + plain + "/contact", shop.token(), Map.of());
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().get("reason").asText()).isEqualTo("not_sealed");

      String wb = svc.post("/v1/shipments", shop.token(), Sealing.shipment(svc, platformId, "TB-3", shop.principal().id()))
          .json().get("waybill").asText();
      // Far enough from midnight (UTC) that the four requests below fall on one budget day.
      LocalTime now = LocalTime.ofInstant(svc.clock.instant(), ZoneOffset.UTC);
      if (now.isAfter(LocalTime.of(18, 0))) {
        svc.clock.advance(Duration.ofHours(7));
      }
      for (int i = 0; i < 3; i++) {
        TestService.Response c = svc.post("/v1/shipments/" + wb + "/contact", shop.token(), Map.of());
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        // An hour later the number has lapsed: the next request opens a new one and spends the budget.
        svc.clock.advance(Duration.ofMinutes(61));
      }
      TestService.Response spent = svc.post("/v1/shipments/" + wb + "/contact", shop.token(), Map.of());
      assertThat(spent.status()).isEqualTo(403);
      assertThat(spent.json().get("reason").asText()).isEqualTo("budget_exceeded");
    }
  }

  static TestService.Response route(TestService svc, String number, String ext, String caller) throws Exception {
    byte[] body = Json.mapper().writeValueAsBytes(Map.of("number", number, "extension", ext, "callerNumber", caller));
    String ts = Long.toString(svc.clock.instant().getEpochSecond());
    String sig = svc.pv.relaySignature().sign(ts, body);
    return svc.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/relay/route")))
        .header("Content-Type", "application/json").header("X-PV-Timestamp", ts).header("X-PV-Signature", sig)
        .POST(HttpRequest.BodyPublishers.ofString(new String(body, StandardCharsets.UTF_8))), null);
  }
}
