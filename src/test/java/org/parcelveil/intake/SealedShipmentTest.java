package org.parcelveil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.http.Json;

/**
 * A shop ships orders whose recipient a marketplace sealed (or registered) and never holds the recipient in plain:
 * not in any answer of any endpoint it can call, while the courier still reveals the recipient as usual and the
 * waybill belongs to the platform's order from its creation.
 */
class SealedShipmentTest {
  static TestService svc;
  static String platformId;
  static String platform;
  static String otherPlatform;
  static String merchantId;
  static String merchant;
  static String otherMerchantId;
  static String otherMerchant;

  @BeforeAll
  static void start() {
    svc = TestService.start();
    Fixtures.network(svc);
    var p = svc.principal("platform", "Marketplace", null);
    platform = p.token();
    platformId = p.principal().id();
    otherPlatform = svc.principal("platform", "Other marketplace", null).token();
    var m = svc.principal("merchant", "Shop", null);
    merchant = m.token();
    merchantId = m.principal().id();
    var m2 = svc.principal("merchant", "Other shop", null);
    otherMerchant = m2.token();
    otherMerchantId = m2.principal().id();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  /** Seals the marked recipient as a platform would, to the key the service publishes. */
  static String seal(String platform, String orderId, String merchant, Map<String, Object> party) {
    JsonNode key = svc.get("/v1/intake/key", null).json().get("keys").get(0);
    try {
      byte[][] out = Hpke.seal(Base64.getUrlDecoder().decode(key.get("publicKey").asText()),
          IntakeOpener.associatedData(platform, orderId, merchant),
          Json.mapper().writeValueAsString(party).getBytes(StandardCharsets.UTF_8));
      return SealedValue.format(key.get("keyId").asText(), out[0], out[1]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> buyer() {
    return Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉黛", Fixtures.MARK_PHONE, "西湖区");
  }

  static Map<String, Object> shipment(String reference, Map<String, Object> recipient) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("reference", reference);
    Map<String, Object> sender = new LinkedHashMap<>();
    sender.put("name", "Qxsender Shop");
    sender.put("phone", "13800001111");
    Map<String, Object> address = Fixtures.area("浙江省", "杭州市", "滨江区");
    address.put("detail", "Warehouse 3");
    sender.put("address", address);
    s.put("sender", sender);
    s.put("recipient", recipient);
    s.put("parcel", Map.of("weightGrams", 1200));
    return s;
  }

  static Map<String, Object> sealedRecipient(String blob, String platform, String orderId) {
    return Map.of("sealed", blob, "platform", platform, "orderId", orderId);
  }

  @Test
  void aShopShipsASealedOrder_seesOnlyMaskedData_andTheCourierRevealsAsUsual() {
    String blob = seal(platformId, "TB-1", merchantId, buyer());
    List<String> seen = new ArrayList<>();
    TestService.Response created = svc.post("/v1/shipments", merchant,
        shipment("S-1", sealedRecipient(blob, platformId, "TB-1")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    seen.add(created.body());
    String waybill = created.json().get("waybill").asText();
    JsonNode order = created.json().get("platformOrder");
    assertThat(order.get("orderId").asText()).isEqualTo("TB-1");
    assertThat(order.get("buyer").asText()).startsWith("byr_");

    TestService.Response batch = svc.post("/v1/shipments/batch", merchant, Map.of("shipments", List.of(
        shipment("S-2", sealedRecipient(seal(platformId, "TB-2", merchantId, buyer()), platformId, "TB-2")))));
    seen.add(batch.body());
    seen.add(svc.get("/v1/shipments/" + waybill, merchant).body());
    seen.add(svc.get("/v1/shipments/" + waybill + "/label?format=zpl", merchant).body());
    seen.add(svc.get("/v1/shipments/" + waybill + "/label?format=svg", merchant).body());
    seen.add(svc.post("/v1/labels", merchant, Map.of("waybills", List.of(waybill), "format", "zpl")).body());
    seen.add(svc.post("/v1/shipments/" + waybill + "/reveal", merchant,
        Map.of("party", "recipient", "purpose", "SUPPORT", "ticket", "T-1")).body());
    // The same blob again for the same order and shop is accepted (an order may ship in several parcels).
    seen.add(svc.post("/v1/shipments", merchant, shipment("S-3", sealedRecipient(blob, platformId, "TB-1"))).body());
    for (String body : seen) {
      for (String marker : Fixtures.MARKERS) {
        assertThat(body).as(body).doesNotContain(marker);
      }
    }

    String origin = svc.principal("station", "Origin", "HZ-BJ01").token();
    String dest = svc.principal("station", "Dest", "HZ-XH01").token();
    var courier = svc.principal("courier", "Courier", "HZ-XH01");
    svc.post("/v1/shipments/" + waybill + "/events", origin, Map.of("type", "PICKED_UP", "weightGrams", 1200));
    svc.post("/v1/shipments/" + waybill + "/events", dest,
        Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
    TestService.Response revealed = svc.post("/v1/shipments/" + waybill + "/reveal", courier.token(),
        Map.of("party", "recipient", "purpose", "DELIVERY"));
    assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
    assertThat(revealed.body()).contains(Fixtures.MARK_NAME, Fixtures.MARK_DETAIL);
  }

  @Test
  void aBlobCopiedToAnotherShopOrOrder_isRefused_andNothingIsStored() {
    String blob = seal(platformId, "TB-10", merchantId, buyer());
    TestService.Response otherShop = svc.post("/v1/shipments", otherMerchant,
        shipment("X-1", sealedRecipient(blob, platformId, "TB-10")));
    assertThat(otherShop.status()).isEqualTo(400);
    assertThat(otherShop.json().get("type").asText()).endsWith("sealed-does-not-open");
    TestService.Response otherOrder = svc.post("/v1/shipments", merchant,
        shipment("X-2", sealedRecipient(blob, platformId, "TB-11")));
    assertThat(otherOrder.json().get("type").asText()).endsWith("sealed-does-not-open");
    TestService.Response notAPlatform = svc.post("/v1/shipments", merchant,
        shipment("X-3", sealedRecipient(blob, merchantId, "TB-10")));
    assertThat(notAPlatform.status()).isEqualTo(400);
    assertThat(notAPlatform.body()).contains("recipient.platform");
    Map<String, Object> mixed = new LinkedHashMap<>(sealedRecipient(blob, platformId, "TB-10"));
    mixed.put("name", "Someone");
    assertThat(svc.post("/v1/shipments", merchant, shipment("X-4", mixed)).status()).isEqualTo(400);
    // In a batch, the copied blob fails only its own item, with the same problem type; the other item is created.
    TestService.Response batch = svc.post("/v1/shipments/batch", merchant, Map.of("shipments", List.of(
        shipment("X-5", sealedRecipient(seal(platformId, "TB-12", merchantId, buyer()), platformId, "TB-12")),
        shipment("X-6", sealedRecipient(blob, platformId, "TB-13")))));
    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    JsonNode items = batch.json().get("results");
    assertThat(items.get(0).get("waybill").isTextual()).as(batch.body()).isTrue();
    assertThat(items.get(1).get("error").get("type").asText()).as(batch.body()).endsWith("sealed-does-not-open");
    for (TestService.Response r : List.of(otherShop, otherOrder, notAPlatform, batch)) {
      for (String marker : Fixtures.MARKERS) {
        assertThat(r.body()).doesNotContain(marker);
      }
    }
  }

  @Test
  void inABatch_eachNamedPlatformIsChecked_andANonPlatformFailsOnlyItsItems() {
    TestService.Response batch = svc.post("/v1/shipments/batch", merchant, Map.of("shipments", List.of(
        shipment("B-1", sealedRecipient(seal(platformId, "TB-40", merchantId, buyer()), platformId, "TB-40")),
        shipment("B-2", sealedRecipient(seal(merchantId, "TB-41", merchantId, buyer()), merchantId, "TB-41")),
        shipment("B-3", sealedRecipient(seal(platformId, "TB-42", merchantId, buyer()), platformId, "TB-42")),
        shipment("B-4", sealedRecipient(seal(merchantId, "TB-43", merchantId, buyer()), merchantId, "TB-43")))));
    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    JsonNode items = batch.json().get("results");
    assertThat(items.get(0).get("waybill").isTextual()).as(batch.body()).isTrue();
    assertThat(items.get(2).get("waybill").isTextual()).as(batch.body()).isTrue();
    for (int i : new int[] {1, 3}) {
      assertThat(items.get(i).get("waybill").isTextual()).as(batch.body()).isFalse();
      assertThat(items.get(i).get("error").toString()).as(batch.body()).contains("recipient.platform");
    }
  }

  @Test
  void theWaybillBelongsToThePlatformsOrder_fromItsCreation() {
    String waybill = svc.post("/v1/shipments", merchant,
            shipment("V-1", sealedRecipient(seal(platformId, "TB-20", merchantId, buyer()), platformId, "TB-20")))
        .json().get("waybill").asText();
    JsonNode mine = verify(platform, waybill, "TB-20");
    assertThat(check(mine, "claim")).isEqualTo("PASS");
    JsonNode other = verify(otherPlatform, waybill, "FAKE-1");
    assertThat(check(other, "claim")).isEqualTo("FAIL");
    assertThat(other.get("verdict").asText()).isNotEqualTo("MATCH");
    assertThat(check(verify(platform, waybill, "TB-21"), "claim")).isEqualTo("FAIL");
  }

  @Test
  void aRegisteredOrder_shipsByHandle_onlyForItsShop_andPseudonymsDifferAcrossShops() {
    String handle = svc.post("/v1/orders", platform, OrdersApiTest.order("TB-30", merchantId, buyer()))
        .json().get("handle").asText();
    TestService.Response created = svc.post("/v1/shipments", merchant, shipment("R-1", Map.of("order", handle)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String buyerHere = created.json().get("platformOrder").get("buyer").asText();
    TestService.Response sealedSameBuyer = svc.post("/v1/shipments", merchant,
        shipment("R-2", sealedRecipient(seal(platformId, "TB-31", merchantId, buyer()), platformId, "TB-31")));
    assertThat(sealedSameBuyer.json().get("platformOrder").get("buyer").asText()).isEqualTo(buyerHere);
    TestService.Response otherShop = svc.post("/v1/shipments", otherMerchant,
        shipment("R-3", sealedRecipient(seal(platformId, "TB-32", otherMerchantId, buyer()), platformId, "TB-32")));
    assertThat(otherShop.json().get("platformOrder").get("buyer").asText()).isNotEqualTo(buyerHere);
    TestService.Response stolenHandle = svc.post("/v1/shipments", otherMerchant,
        shipment("R-4", Map.of("order", handle)));
    assertThat(stolenHandle.status()).isEqualTo(400);
    assertThat(stolenHandle.json().get("type").asText()).endsWith("order-unknown");
    for (String marker : Fixtures.MARKERS) {
      assertThat(created.body()).doesNotContain(marker);
    }
  }

  private static JsonNode verify(String token, String waybill, String orderId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("waybill", waybill);
    body.put("orderId", orderId);
    body.put("orderCreatedAt", "2020-01-01T00:00:00Z");
    body.put("origin", Fixtures.area("浙江省", "杭州市", "滨江区"));
    body.put("destination", Fixtures.area("浙江省", "杭州市", "西湖区"));
    TestService.Response r = svc.post("/v1/verifications", token, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static String check(JsonNode verification, String name) {
    for (JsonNode c : verification.get("checks")) {
      if (c.get("name").asText().equals(name)) {
        return c.get("outcome").asText();
      }
    }
    return null;
  }
}
