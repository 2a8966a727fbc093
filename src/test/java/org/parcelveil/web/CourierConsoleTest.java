package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * The courier's phone screen: "Failed" asks for the reason and a confirmation before it records, "Delivered" of a
 * cash-on-delivery parcel asks the courier to confirm the cash was collected, and a refused step says what to do
 * instead, in the page's language.
 */
class CourierConsoleTest {

  @Test
  void failedAndCashOnDelivery_recordOnlyAfterTheirConfirmation() {
    try (TestService svc = TestService.start()) {
      Parcel p = outForDelivery(svc, "phone-courier", "WEB-FAIL-1");
      String merchant = p.merchant();
      String desk = p.desk();
      String courierId = p.courierId();
      String wb = p.waybill();

      ConsoleClient c = new ConsoleClient(svc);
      People.signIn(c, svc, "phone-courier", new HashMap<>());
      assertThat(c.get("/console/courier").body()).contains("task-" + wb);

      // Failed: first the question, nothing recorded.
      ConsoleClient.Page ask = c.post("/console/courier/event", Map.of("waybill", wb, "type", "DELIVERY_FAILED"));
      assertThat(ask.status()).isEqualTo(200);
      assertThat(ask.body()).contains("<label for=\"reason\">", "<select id=\"reason\" name=\"reason\" required",
          "value=\"MISROUTED\"", "name=\"confirm\" value=\"yes\"");
      assertThat(events(svc, merchant, wb)).hasSize(2);

      // Confirmed without a reason: the question again, with the message beside the field.
      ConsoleClient.Page noReason = c.post("/console/courier/event",
          Map.of("waybill", wb, "type", "DELIVERY_FAILED", "confirm", "yes", "reason", "SLEEPING"));
      assertThat(noReason.status()).isEqualTo(400);
      assertThat(noReason.body()).contains("Choose what happened.", "aria-invalid=\"true\"",
          "aria-describedby=\"confirm-error\"");
      assertThat(events(svc, merchant, wb)).hasSize(2);

      ConsoleClient.Page failed = c.post("/console/courier/event",
          Map.of("waybill", wb, "type", "DELIVERY_FAILED", "confirm", "yes", "reason", "ABSENT"));
      assertThat(failed.path()).isEqualTo("/console/courier");
      assertThat(failed.body()).contains("Delivery failed recorded: " + wb,
          "bring the parcel back to the station, which sends it out again or returns it");
      assertThat(events(svc, merchant, wb).get(2).get("reason").asText()).isEqualTo("ABSENT");

      // Delivered now: refused, saying what to do instead rather than "something went wrong".
      ConsoleClient.Page late = c.post("/console/courier/event", Map.of("waybill", wb, "type", "DELIVERED",
          "codCollected", "true"));
      assertThat(late.status()).isEqualTo(409);
      assertThat(late.body()).contains("Send it out again (out for delivery) or return it to the sender.")
          .doesNotContain("Something went wrong");

      // Out again the next day: Delivered asks for the cash first.
      svc.post("/v1/shipments/" + wb + "/events", desk, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId));
      c.get("/console/courier");
      ConsoleClient.Page cash = c.post("/console/courier/event", Map.of("waybill", wb, "type", "DELIVERED"));
      assertThat(cash.status()).isEqualTo(200);
      assertThat(cash.body()).contains("type=\"checkbox\" id=\"codCollected\" name=\"codCollected\" value=\"true\"",
          "<label for=\"codCollected\">I collected 128.50 CNY from the recipient</label>");
      ConsoleClient.Page unticked = c.post("/console/courier/event",
          Map.of("waybill", wb, "type", "DELIVERED", "confirm", "yes"));
      assertThat(unticked.status()).isEqualTo(400);
      assertThat(unticked.body()).contains("Tick the box once the cash is collected");
      assertThat(events(svc, merchant, wb)).hasSize(4);

      ConsoleClient.Page delivered = c.post("/console/courier/event",
          Map.of("waybill", wb, "type", "DELIVERED", "confirm", "yes", "codCollected", "true"));
      assertThat(delivered.body()).contains("Delivered: " + wb);
      JsonNode last = events(svc, merchant, wb).get(4);
      assertThat(last.get("type").asText()).isEqualTo("DELIVERED");
      assertThat(last.get("codCollected").asBoolean()).isTrue();
    }
  }

  @Test
  void anotherCourier_cannotFailSomeoneElsesParcel_evenWithTheConfirmation() {
    try (TestService svc = TestService.start()) {
      Parcel p = outForDelivery(svc, "own-courier", "WEB-FAIL-2");
      String merchant = p.merchant();
      String wb = p.waybill();

      ConsoleClient c = new ConsoleClient(svc);
      People.signIn(c, svc, "intruder", new HashMap<>());
      c.get("/console/courier");
      ConsoleClient.Page forged = c.post("/console/courier/event",
          Map.of("waybill", wb, "type", "DELIVERY_FAILED", "confirm", "yes", "reason", "REFUSED"));
      assertThat(forged.status()).isEqualTo(400);
      assertThat(forged.body()).doesNotContain("REFUSED", Fixtures.MARK_NAME);
      assertThat(events(svc, merchant, wb)).hasSize(2);
    }
  }

  /** A merchant's parcel, dropped off at Binjiang and out with a Xihu courier who signs in as {@code login}. */
  private record Parcel(String merchant, String desk, String courierId, String waybill) {}

  private static Parcel outForDelivery(TestService svc, String login, String reference) {
    Fixtures.network(svc);
    String merchant = svc.principal("merchant", "Shop", null).token();
    String origin = svc.principal("station", "Binjiang desk", "HZ-BJ01").token();
    String desk = svc.principal("station", "Xihu desk", "HZ-XH01").token();
    String courierId = People.person(svc, "courier", "Courier", "HZ-XH01", login);
    People.person(svc, "courier", "Other courier", "HZ-XH01", "intruder");
    String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment(reference)).json().get("waybill").asText();
    assertThat(svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "DROPPED_OFF")).status())
        .isEqualTo(201);
    assertThat(svc.post("/v1/shipments/" + wb + "/events", desk,
        Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)).status()).isEqualTo(201);
    return new Parcel(merchant, desk, courierId, wb);
  }

  private static JsonNode events(TestService svc, String merchant, String waybill) {
    return svc.get("/v1/shipments/" + waybill, merchant).json().get("events");
  }
}
