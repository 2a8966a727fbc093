package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.subject.CapturingNotifier;

/**
 * The station's hand-over screen: the scan screen shelves a parcel ("At pickup point") and links to the hand-over
 * page; a wrong code is refused in the page's language without echoing what was typed; the right code and digits
 * deliver the parcel. Every input has a label and a maxlength.
 */
class HandoverConsoleTest {
  private static final Pattern INPUT = Pattern.compile("<input type=\"text\"[^>]*>");

  @Test
  void theDeskShelves_thenHandsOverOnCodeAndDigits_inThePagesLanguage() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String origin = svc.principal("station", "Origin", "HZ-BJ01").token();
      var desk = People.personWithToken(svc, "station", "Xihu desk", "HZ-XH01", "xihudesk");
      String phone = "13955501234";
      Map<String, Object> body = new HashMap<>(Fixtures.shipment("WEB-PU-1"));
      body.put("recipient", Fixtures.party("Recipient", phone, "西湖区"));
      String wb = svc.post("/v1/shipments", merchant, body).json().get("waybill").asText();
      assertThat(svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP")).status())
          .isEqualTo(201);
      assertThat(svc.post("/v1/shipments/" + wb + "/events", desk.token(), Map.of("type", "ARRIVED")).status())
          .isEqualTo(201);

      ConsoleClient c = new ConsoleClient(svc);
      People.signIn(c, svc, "xihudesk", new HashMap<>());
      ConsoleClient.Page scan = c.get("/console/station");
      assertThat(scan.body()).contains("value=\"AT_PICKUP_POINT\"", "href=\"/console/station/handover\"");
      ConsoleClient.Page shelved = c.post("/console/station/scan", Map.of("waybill", wb, "type", "AT_PICKUP_POINT"));
      assertThat(shelved.status()).as(shelved.body()).isEqualTo(200);
      assertThat(shelved.body()).contains("At pickup point");
      String code = CapturingNotifier.next("+86" + phone, Duration.ofSeconds(10)).orElseThrow();

      ConsoleClient.Page form = c.get("/console/station/handover");
      assertThat(form.status()).isEqualTo(200);
      Matcher inputs = INPUT.matcher(form.body());
      int count = 0;
      while (inputs.find()) {
        String input = inputs.group();
        assertThat(input).contains("maxlength=");
        Matcher id = Pattern.compile(" id=\"([^\"]+)\"").matcher(input);
        assertThat(id.find()).isTrue();
        assertThat(form.body()).contains("<label for=\"" + id.group(1) + "\"");
        count++;
      }
      assertThat(count).isEqualTo(3);

      String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
      ConsoleClient.Page refused = c.post("/console/station/handover",
          Map.of("waybill", wb, "code", wrong, "phoneLast4", "1234"));
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.body()).contains("do not match this parcel").doesNotContain(wrong).contains(wb);
      ConsoleClient.Page unknown = c.post("/console/station/handover",
          Map.of("waybill", "PV00000000000000X", "code", code, "phoneLast4", "1234"));
      assertThat(unknown.body()).contains("No such shipment.").doesNotContain(code);
      c.get("/console/lang/zh?back=/console/station/handover");
      c.get("/console/station/handover");
      ConsoleClient.Page chinese = c.post("/console/station/handover",
          Map.of("waybill", wb, "code", code, "phoneLast4", "4321"));
      assertThat(chinese.status()).isEqualTo(422);
      assertThat(chinese.body()).contains("取件码与手机号后四位与此包裹不符").doesNotContain(code);
      ConsoleClient.Page malformed = c.post("/console/station/handover",
          Map.of("waybill", wb, "code", "12", "phoneLast4", ""));
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(malformed.body()).contains("请输入运单号");

      c.get("/console/station/handover");
      ConsoleClient.Page done = c.post("/console/station/handover",
          Map.of("waybill", wb.toLowerCase(java.util.Locale.ROOT), "code", code, "phoneLast4", "1234"));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(done.body()).contains("已交付");
      assertThat(svc.get("/v1/shipments/" + wb, merchant).json().get("status").asText()).isEqualTo("DELIVERED");
    }
  }
}
