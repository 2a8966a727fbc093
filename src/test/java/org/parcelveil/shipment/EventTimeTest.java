package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * A scan's {@code at} is the time the scanner says it happened: never before the parcel existed, never in the future.
 * A time the database cannot even store (year -5000) is the caller's mistake, a 400, not the store's failure.
 */
class EventTimeTest {

  @Test
  void aScanTimedBeforeTheParcelExisted_orOutOfAnyRange_isRefusedAsBadInput() {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String origin = svc.principal("station", "Binjiang", "HZ-BJ01").token();
      String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("T-1")).json().get("waybill").asText();

      for (String at : new String[] {"-5000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2020-01-01T00:00:00Z",
          "+300000-01-01T00:00:00Z"}) {
        TestService.Response r = svc.post("/v1/shipments/" + wb + "/events", origin,
            Map.of("type", "PICKED_UP", "at", at));
        assertThat(r.status()).as(at).isEqualTo(400);
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("at");
      }
      assertThat(svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP")).status())
          .isEqualTo(201);
    }
  }
}
