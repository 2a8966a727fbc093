package org.parcelveil.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.http.Json;

/** Relayed calls: the assigned courier reaches the recipient through a pool number, only while the parcel needs it. */
class RelayTest {
  static final String COURIER_PHONE = "13700007777";

  @Test
  void contact_routesOnlyTheBoundCourier_whileOpen_andClosesAfterDelivery() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String origin = svc.principal("station", "Binjiang", "HZ-BJ01").token();
      String desk = svc.principal("station", "Xihu", "HZ-XH01").token();
      var courier = svc.pv.principals().create(null, "courier", "Courier B", "HZ-XH01", COURIER_PHONE);
      var other = svc.principal("courier", "Courier C", "HZ-XH01");
      String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("R-1")).json().get("waybill").asText();
      svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP"));

      // Not assigned yet: the parcel is hidden from this courier.
      assertThat(svc.post("/v1/shipments/" + wb + "/contact", courier.token(), Map.of()).status()).isEqualTo(404);
      svc.post("/v1/shipments/" + wb + "/events", desk,
          Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      TestService.Response contact = svc.post("/v1/shipments/" + wb + "/contact", courier.token(), Map.of());
      assertThat(contact.status()).isEqualTo(200);
      String number = contact.json().get("number").asText();
      String ext = contact.json().get("extension").asText();
      assertThat(ext).matches("\\d{4}");
      assertThat(contact.body()).doesNotContain(Fixtures.MARK_PHONE_DIGITS);
      assertThat(svc.post("/v1/shipments/" + wb + "/contact", courier.token(), Map.of()).json().get("extension").asText())
          .isEqualTo(ext);
      assertThat(svc.post("/v1/shipments/" + wb + "/contact", other.token(), Map.of()).status()).isEqualTo(404);

      JsonNode connect = route(svc, number, ext, COURIER_PHONE).json();
      assertThat(connect.get("action").asText()).isEqualTo("connect");
      assertThat(connect.get("target").asText()).isEqualTo("+86" + Fixtures.MARK_PHONE);
      assertThat(route(svc, number, ext, "13900009999").json().get("reason").asText()).isEqualTo("unknown_caller");
      assertThat(route(svc, number, "9999".equals(ext) ? "9998" : "9999", COURIER_PHONE).json().get("action").asText())
          .isEqualTo("reject");
      String body = Json.mapper().writeValueAsString(Map.of("number", number, "extension", ext, "callerNumber", COURIER_PHONE));
      assertThat(svc.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/relay/route")))
          .header("X-PV-Timestamp", Long.toString(svc.clock.instant().getEpochSecond()))
          .header("Content-Type", "application/json")
          .header("X-PV-Signature", "00".repeat(32)).POST(HttpRequest.BodyPublishers.ofString(body)), null).status())
          .isEqualTo(401);

      svc.post("/v1/shipments/" + wb + "/events", courier.token(), Map.of("type", "DELIVERED", "codCollected", true));
      assertThat(route(svc, number, ext, COURIER_PHONE).json().get("action").asText()).isEqualTo("connect");
      svc.clock.advance(Duration.ofHours(73));
      assertThat(route(svc, number, ext, COURIER_PHONE).json().get("reason").asText()).isEqualTo("expired");
      assertThat(route(svc, number, ext, COURIER_PHONE).json().get("reason").asText()).isEqualTo("no_binding");
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
