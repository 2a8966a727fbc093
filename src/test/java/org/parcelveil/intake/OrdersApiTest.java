package org.parcelveil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

class OrdersApiTest {
  static TestService svc;
  static String platform;
  static String merchantId;
  static String merchant;

  @BeforeAll
  static void start() {
    svc = TestService.start();
    Fixtures.network(svc);
    platform = svc.principal("platform", "Marketplace", null).token();
    var m = svc.principal("merchant", "Shop", null);
    merchant = m.token();
    merchantId = m.principal().id();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  static Map<String, Object> order(String orderId, String merchantId, Map<String, Object> recipient) {
    Map<String, Object> body = new HashMap<>();
    body.put("orderId", orderId);
    body.put("merchant", merchantId);
    body.put("recipient", recipient);
    return body;
  }

  @Test
  void theIntakeKey_isPublic_andAnX25519Key() {
    TestService.Response r = svc.get("/v1/intake/key", null);
    assertThat(r.status()).isEqualTo(200);
    JsonNode key = r.json().get("keys").get(0);
    assertThat(key.get("kem").asText()).isEqualTo("X25519");
    assertThat(Base64.getUrlDecoder().decode(key.get("publicKey").asText())).hasSize(32);
    assertThat(key.get("keyId").asText()).matches("[A-Za-z0-9_-]{16}");
    assertThat(key.get("notAfter").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  @Test
  void registeringAnOrder_givesAHandle_theSameOnARepeat_andAMaskedPreview() {
    Map<String, Object> recipient = Fixtures.party(Fixtures.MARK_NAME, Fixtures.MARK_PHONE, "西湖区");
    TestService.Response first = svc.post("/v1/orders", platform, order("TB-9001", merchantId, recipient));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String handle = first.json().get("handle").asText();
    assertThat(handle).startsWith("pvo_");
    TestService.Response again = svc.post("/v1/orders", platform, order("TB-9001", merchantId, recipient));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("handle").asText()).isEqualTo(handle);
    for (String marker : Fixtures.MARKERS) {
      assertThat(first.body()).doesNotContain(marker);
    }
    Map<String, Object> other = Fixtures.party("Someone", "13911112222", "西湖区");
    assertThat(svc.post("/v1/orders", platform, order("TB-9001", merchantId, other)).status()).isEqualTo(409);
  }

  @Test
  void onlyPlatformsRegister_andOnlyForMerchants() {
    Map<String, Object> recipient = Fixtures.party("Buyer", "13911112222", "西湖区");
    assertThat(svc.post("/v1/orders", merchant, order("TB-1", merchantId, recipient)).status()).isEqualTo(403);
    assertThat(svc.post("/v1/orders", null, order("TB-1", merchantId, recipient)).status()).isEqualTo(401);
    TestService.Response notMerchant = svc.post("/v1/orders", platform, order("TB-1", "pr_nobody", recipient));
    assertThat(notMerchant.status()).isEqualTo(400);
    assertThat(notMerchant.body()).contains("merchant");
    assertThat(svc.post("/v1/orders", platform, order("TB|1", merchantId, recipient)).status()).isEqualTo(400);
  }
}
