package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * Support's console: find by phone (posted, never in an address) or order reference under a ticket; the parcel's
 * events with who handled each and the times in the network's zone, labelled; an action under a ticket only after
 * the confirmation, recorded with the support person as the one who handled it.
 */
class SupportConsoleTest {

  @Test
  void supportFindsByPhoneAndReference_seesWhoHandledEachEvent_andActsOnlyWhenConfirmed() {
    try (TestService svc = TestService.start("postgres")) {
      Parcels p = new Parcels(svc);
      String wb = p.create("CON-REF-1");
      p.toDestination(wb, 1000);
      People.person(svc, "support", "Desk Qian", null, "helper");
      ConsoleClient c = new ConsoleClient(svc);
      People.signIn(c, svc, "helper", new HashMap<>());

      ConsoleClient.Page start = c.get("/console/support");
      assertThat(start.status()).isEqualTo(200);
      assertThat(start.body()).contains("action=\"/console/support/search\"", "method=\"post\"");
      // Without a ticket: refused, nothing found, the phone not echoed back.
      ConsoleClient.Page noTicket = c.post("/console/support/search", Map.of("by", "phone", "value",
          Fixtures.MARK_PHONE, "ticket", ""));
      assertThat(noTicket.status()).isEqualTo(400);
      assertThat(noTicket.body()).doesNotContain(Fixtures.MARK_PHONE_DIGITS).doesNotContain(wb);
      ConsoleClient.Page byPhone = c.post("/console/support/search", Map.of("by", "phone", "value",
          Fixtures.MARK_PHONE, "ticket", "T-77"));
      assertThat(byPhone.status()).as(byPhone.body()).isEqualTo(200);
      assertThat(byPhone.body()).contains("/console/support?waybill=" + wb).doesNotContain(Fixtures.MARKERS);
      ConsoleClient.Page byRef = c.post("/console/support/search", Map.of("by", "reference", "value", "CON-REF-1",
          "ticket", "T-77"));
      assertThat(byRef.body()).contains("/console/support?waybill=" + wb);

      // The events: who handled each (staff name, id and role), in Asia/Shanghai with its offset.
      ConsoleClient.Page shown = c.get("/console/support?waybill=" + wb);
      assertThat(shown.body()).contains("Binjiang desk", "Hub desk", "Xihu desk", "Station staff", "(UTC+08:00)")
          .doesNotContain(Fixtures.MARKERS);
      String firstTime = shown.body().replaceAll("(?s).*<td data-label=\"Time\" class=\"mono\">([^<]+)</td>.*", "$1");
      assertThat(firstTime).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(UTC\\+08:00\\)");

      // An action without the confirmation changes nothing; with it, it is recorded under the ticket.
      ConsoleClient.Page unconfirmed = c.post("/console/support/action", Map.of("waybill", wb, "type",
          "INTERCEPTED", "ticket", "T-78"));
      assertThat(unconfirmed.status()).isEqualTo(400);
      assertThat(svc.pv.shipments().find(wb).orElseThrow().state().name()).isEqualTo("IN_TRANSIT");
      ConsoleClient.Page done = c.post("/console/support/action", Map.of("waybill", wb, "type", "INTERCEPTED",
          "ticket", "T-78", "confirm", "yes"));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(svc.pv.shipments().find(wb).orElseThrow().state().name()).isEqualTo("ON_HOLD");
      assertThat(done.body()).contains("Intercepted by support", "Desk Qian", "T-78", "On hold");
      // A redirect to a station of another district, then the merchant-facing state moves on.
      ConsoleClient.Page moved = c.post("/console/support/action", Map.of("waybill", wb, "type", "REDIRECTED",
          "ticket", "T-79", "confirm", "yes", "stationCode", "HZ-BJ01"));
      assertThat(moved.status()).as(moved.body()).isEqualTo(200);
      assertThat(svc.pv.shipments().find(wb).orElseThrow().state().name()).isEqualTo("IN_TRANSIT");
    }
  }
}
