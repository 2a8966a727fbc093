package org.parcelveil.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * A small Hangzhou network with staff at every station and helpers that move a fixture parcel along: merchant
 * creates, Binjiang picks up, the Hangzhou hub sorts, Xihu delivers. Shared by the tracking and verify tests.
 */
public final class Parcels {
  public final TestService svc;
  public final String merchant;
  public final String originDesk;
  public final String hubDesk;
  public final String destDesk;
  public final String courier;
  public final String courierId;

  /**
   * A service on H2 whose tracking budgets are far above what a test sends ({@code ThrottleTest} covers the limits),
   * for tests of what the tracking pages and API answer.
   */
  public static TestService serviceWithGenerousTracking() {
    return TestService.start("postgres", s -> s.withTracking(s.tracking().withLookups(Budget.perHour(10_000))
        .withMisses(Budget.perHour(10_000))));
  }

  public Parcels(TestService svc) {
    this.svc = svc;
    Fixtures.network(svc);
    this.merchant = svc.principal("merchant", "Shop", null).token();
    this.originDesk = svc.principal("station", "Binjiang desk", "HZ-BJ01").token();
    this.hubDesk = svc.principal("station", "Hub desk", "HZH").token();
    this.destDesk = svc.principal("station", "Xihu desk", "HZ-XH01").token();
    var c = svc.principal("courier", "Courier", "HZ-XH01");
    this.courier = c.token();
    this.courierId = c.principal().id();
  }

  /** Creates the fixture shipment (recipient phone ending 4321, COD ¥128.50) and returns its waybill. */
  public String create(String reference) {
    return create(Fixtures.shipment(reference));
  }

  public String create(Map<String, Object> body) {
    TestService.Response r = svc.post("/v1/shipments", merchant, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("waybill").asText();
  }

  /** A fixture shipment without cash on delivery. */
  public String createWithoutCod(String reference) {
    Map<String, Object> s = new LinkedHashMap<>(Fixtures.shipment(reference));
    s.remove("cod");
    return create(s);
  }

  public void event(String token, String waybill, Map<String, Object> body) {
    TestService.Response r = svc.post("/v1/shipments/" + waybill + "/events", token, body);
    assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(201);
  }

  /** Picked up at Binjiang (weighed), sorted at the hub, arrived at Xihu. */
  public void toDestination(String waybill, int weighedGrams) {
    event(originDesk, waybill, Map.of("type", "PICKED_UP", "weightGrams", weighedGrams));
    toDestinationFromPickup(waybill);
  }

  /** From picked up at Binjiang: sorted at the hub, arrived at Xihu. */
  public void toDestinationFromPickup(String waybill) {
    event(hubDesk, waybill, Map.of("type", "ARRIVED"));
    event(hubDesk, waybill, Map.of("type", "DEPARTED"));
    event(destDesk, waybill, Map.of("type", "ARRIVED"));
  }

  public void deliver(String waybill) {
    event(destDesk, waybill, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId));
    event(courier, waybill, Map.of("type", "DELIVERED", "codCollected", true));
  }
}
