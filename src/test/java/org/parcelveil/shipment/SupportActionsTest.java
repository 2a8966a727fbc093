package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * Support's actions on a parcel, each an event under a ticket: intercept and hold (no station sends it out while
 * held), hold at the station, return to sender, and redirect to another station, after which the route ends there:
 * the new station and its hub take the parcel in and deliver it, the old destination no longer may.
 */
class SupportActionsTest {

  @Test
  void interceptHoldReturnAndRedirect_underATicket_moveTheParcelAndItsRoute() {
    try (TestService svc = TestService.start("postgres")) {
      Parcels p = new Parcels(svc);
      svc.post("/v1/stations", svc.adminToken, Map.of("code", "SHH", "name", "Shanghai hub", "kind", "HUB",
          "area", Fixtures.area("上海市", "上海市", "闵行区")));
      svc.post("/v1/stations", svc.adminToken, Map.of("code", "SH-PD01", "name", "Pudong station", "kind", "STATION",
          "area", Fixtures.area("上海市", "上海市", "浦东新区")));
      String support = svc.principal("support", "Desk", null).token();
      String pudong = svc.principal("station", "Pudong desk", "SH-PD01").token();
      String shanghaiHub = svc.principal("station", "Shanghai hub desk", "SHH").token();
      var pudongCourier = svc.principal("courier", "Pudong courier", "SH-PD01");

      // Intercept: a ticket is required; once held, the destination cannot send it out; support returns it.
      String held = p.create("S-1");
      p.toDestination(held, 1100);
      assertThat(event(svc, support, held, Map.of("type", "INTERCEPTED")).status()).isEqualTo(400);
      TestService.Response stop = event(svc, support, held, Map.of("type", "INTERCEPTED", "ticket", "T-9"));
      assertThat(stop.status()).as(stop.body()).isEqualTo(201);
      assertThat(stop.json().get("state").asText()).isEqualTo("ON_HOLD");
      TestService.Response out = event(svc, p.destDesk, held, Map.of("type", "OUT_FOR_DELIVERY", "courierId",
          p.courierId));
      assertThat(out.status()).isEqualTo(409);
      assertThat(event(svc, p.merchant, held, Map.of("type", "RETURNED", "ticket", "T-9")).status()).isEqualTo(403);
      TestService.Response back = event(svc, support, held, Map.of("type", "RETURNED", "ticket", "T-9"));
      assertThat(back.json().get("state").asText()).isEqualTo("RETURNED");

      // Hold at the station: held where it is, no more scans move it.
      String kept = p.create("S-2");
      p.toDestination(kept, 1100);
      assertThat(event(svc, support, kept, Map.of("type", "HELD_AT_STATION", "ticket", "T-10")).json().get("state")
          .asText()).isEqualTo("ON_HOLD");
      assertThat(event(svc, p.destDesk, kept, Map.of("type", "ARRIVED")).status()).isEqualTo(409);

      // Redirect: to a station only, by support only; afterwards the route ends at the new station.
      String moved = p.create("S-3");
      p.toDestination(moved, 1100);
      assertThat(svc.get("/v1/shipments/" + moved, pudong).status()).isEqualTo(404);
      assertThat(event(svc, support, moved, Map.of("type", "REDIRECTED", "ticket", "T-11", "stationCode", "SHH"))
          .json().at("/errors/0/field").asText()).isEqualTo("stationCode");
      assertThat(event(svc, support, moved, Map.of("type", "REDIRECTED", "ticket", "T-11")).status()).isEqualTo(400);
      assertThat(event(svc, p.destDesk, moved, Map.of("type", "REDIRECTED", "stationCode", "SH-PD01")).status())
          .isEqualTo(403);
      TestService.Response redirect = event(svc, support, moved, Map.of("type", "REDIRECTED", "ticket", "T-11",
          "stationCode", "SH-PD01"));
      assertThat(redirect.status()).as(redirect.body()).isEqualTo(201);
      assertThat(redirect.json().get("state").asText()).isEqualTo("IN_TRANSIT");
      // The old destination scanned it, so it still sees it, but it no longer sends it out.
      assertThat(svc.get("/v1/shipments/" + moved, p.destDesk).status()).isEqualTo(200);
      assertThat(event(svc, p.destDesk, moved, Map.of("type", "OUT_FOR_DELIVERY", "courierId", p.courierId))
          .status()).isEqualTo(403);
      assertThat(svc.get("/v1/shipments/" + moved, pudong).status()).isEqualTo(200);
      p.event(shanghaiHub, moved, Map.of("type", "ARRIVED"));
      p.event(pudong, moved, Map.of("type", "ARRIVED"));
      p.event(pudong, moved, Map.of("type", "OUT_FOR_DELIVERY", "courierId", pudongCourier.principal().id()));
      p.event(pudongCourier.token(), moved, Map.of("type", "DELIVERED", "codCollected", true));

      // Tracking names the new destination of the redirect; the merchant's view lists the support events.
      String tracked = svc.get("/v1/track/" + moved, null).body();
      assertThat(tracked).contains("\"REDIRECTED\"", "Pudong station");
      assertThat(svc.get("/v1/shipments/" + held, p.merchant).body()).contains("INTERCEPTED", "RETURNED");
    }
  }

  private static TestService.Response event(TestService svc, String token, String waybill, Map<String, Object> body) {
    return svc.post("/v1/shipments/" + waybill + "/events", token, body);
  }
}
