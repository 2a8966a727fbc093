package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

class ShipmentApiTest {

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void shipments_areCreatedMaskedIdempotentScopedAndSurviveRestart(String kind) {
    TestService svc = TestService.start(kind);
    try {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop A", null).token();
      String other = svc.principal("merchant", "Shop B", null).token();

      TestService.Response created = svc.post("/v1/shipments", merchant, Fixtures.shipment("ORDER-1"));
      assertThat(created.status()).isEqualTo(201);
      JsonNode body = created.json();
      String waybill = body.get("waybill").asText();
      assertThat(waybill).matches("PV\\d{14}[0-9A-Z]");
      assertThat(body.get("status").asText()).isEqualTo("CREATED");
      assertThat(body.get("sortCode").asText()).isEqualTo("HZH-HZ-XH01");
      assertThat(body.at("/masked/recipient/name").asText()).isEqualTo("Z**");
      assertThat(body.at("/masked/recipient/phone").asText()).isEqualTo("*******4321");
      assertThat(body.at("/masked/recipient/area").asText()).isEqualTo("浙江省 杭州市 西湖区");
      assertThat(body.get("labelUrl").asText()).contains(waybill);
      assertThat(created.body()).doesNotContain(Fixtures.MARK_NAME, Fixtures.MARK_PHONE_DIGITS, Fixtures.MARK_STREET);
      assertThat(created.header("Cache-Control")).isEqualTo("no-store");

      Map<String, String> key = Map.of("Idempotency-Key", "order-1-create");
      String first = svc.post("/v1/shipments", merchant, Fixtures.shipment("ORDER-2"), key).json().get("waybill").asText();
      TestService.Response again = svc.post("/v1/shipments", merchant, Fixtures.shipment("ORDER-2"), key);
      assertThat(again.status()).isEqualTo(201);
      assertThat(again.json().get("waybill").asText()).isEqualTo(first);
      assertThat(svc.post("/v1/shipments", merchant, Fixtures.shipment("ORDER-3"), key).status()).isEqualTo(409);

      TestService.Response view = svc.get("/v1/shipments/" + waybill, merchant);
      assertThat(view.status()).isEqualTo(200);
      assertThat(view.json().at("/masked/sender/name").asText()).isEqualTo("Q. S.");
      assertThat(view.json().at("/cod/amountCents").asLong()).isEqualTo(12850);
      TestService.Response foreign = svc.get("/v1/shipments/" + waybill, other);
      TestService.Response unknown = svc.get("/v1/shipments/PV00000000000000A", other);
      assertThat(foreign.status()).isEqualTo(404);
      assertThat(foreign.body()).isEqualTo(unknown.body());

      svc = svc.restart();
      String merchantAfter = merchant;
      assertThat(svc.get("/v1/shipments/" + waybill, merchantAfter).status()).isEqualTo(200);
      assertThat(svc.get("/v1/shipments/" + first, merchantAfter).json().get("reference").asText()).isEqualTo("ORDER-2");
    } finally {
      svc.close();
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void batch_failsOnlyTheBadItems(String kind) {
    try (TestService svc = TestService.start(kind)) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        items.add(Fixtures.shipment("B-" + i));
      }
      Map<String, Object> badPhone = new HashMap<>(Fixtures.shipment("BAD-1"));
      badPhone.put("recipient", Fixtures.party("X", "12345", "西湖区"));
      items.set(7, badPhone);
      items.set(13, Map.of("reference", List.of(1, 2)));
      items.set(21, "not an object");
      JsonNode results = svc.post("/v1/shipments/batch", merchant, Map.of("shipments", items)).json().get("results");
      assertThat(results).hasSize(50);
      assertThat(results.get(7).at("/error/errors/0/field").asText()).isEqualTo("recipient.phone");
      assertThat(results.get(13).has("error")).isTrue();
      assertThat(results.get(21).has("error")).isTrue();
      List<String> waybills = new ArrayList<>();
      results.forEach(r -> {
        if (r.hasNonNull("waybill")) {
          waybills.add(r.get("waybill").asText());
        }
      });
      assertThat(waybills).hasSize(47).doesNotHaveDuplicates();
      assertThat(svc.get("/v1/shipments/" + waybills.get(0), merchant).status()).isEqualTo(200);
    }
  }
}
