package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.waybill.WaybillCodec;

/**
 * Whoever may not see a shipment learns nothing of it: a real number answers exactly as a number never issued, on
 * every shipment endpoint, whatever state the parcel is in.
 */
class HiddenShipmentTest {
  private static TestService svc;
  private static String created;
  private static String outForDelivery;
  private static String neverIssued;
  private static Map<String, String> outsiders;

  record Endpoint(String name, BiFunction<String, String, TestService.Response> call) {}

  static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("get", (wb, t) -> svc.get("/v1/shipments/" + wb, t)),
      new Endpoint("label", (wb, t) -> svc.get("/v1/shipments/" + wb + "/label", t)),
      new Endpoint("events", (wb, t) -> svc.post("/v1/shipments/" + wb + "/events", t, Map.of("type", "ARRIVED"))),
      new Endpoint("returned", (wb, t) -> svc.post("/v1/shipments/" + wb + "/events", t, Map.of("type", "RETURNED"))),
      new Endpoint("reveal", (wb, t) -> svc.post("/v1/shipments/" + wb + "/reveal", t,
          Map.of("party", "recipient", "purpose", "DELIVERY"))),
      new Endpoint("contact", (wb, t) -> svc.post("/v1/shipments/" + wb + "/contact", t, Map.of())),
      new Endpoint("cancel", (wb, t) -> svc.post("/v1/shipments/" + wb + "/cancel", t, Map.of())));

  @BeforeAll
  static void parcels() {
    svc = TestService.start("postgres");
    Fixtures.network(svc);
    svc.post("/v1/stations", svc.adminToken, Map.of("code", "HZ-GS01", "name", "Gongshu station", "kind", "STATION",
        "area", Fixtures.area("浙江省", "杭州市", "拱墅区")));
    String merchant = svc.principal("merchant", "Shop", null).token();
    String origin = svc.principal("station", "Binjiang desk", "HZ-BJ01").token();
    String dest = svc.principal("station", "Xihu desk", "HZ-XH01").token();
    String courierId = svc.principal("courier", "Courier", "HZ-XH01").principal().id();
    created = svc.post("/v1/shipments", merchant, Fixtures.shipment("H-1")).json().get("waybill").asText();
    outForDelivery = svc.post("/v1/shipments", merchant, Fixtures.shipment("H-2")).json().get("waybill").asText();
    assertThat(svc.post("/v1/shipments/" + outForDelivery + "/events", origin, Map.of("type", "PICKED_UP")).status())
        .isEqualTo(201);
    assertThat(svc.post("/v1/shipments/" + outForDelivery + "/events", dest,
        Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)).status()).isEqualTo(201);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    neverIssued = new WaybillCodec("PV", key).encode(4242);
    outsiders = Map.of(
        "foreign station", svc.principal("station", "Gongshu desk", "HZ-GS01").token(),
        "courier of the destination, not assigned", svc.principal("courier", "Other", "HZ-XH01").token(),
        "courier of a foreign station", svc.principal("courier", "Far", "HZ-GS01").token(),
        "another merchant", svc.principal("merchant", "Other shop", null).token(),
        "security", svc.principal("security", "Analyst", null).token());
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void outsiders_getTheSameAnswerForARealNumberAsForOneNeverIssued_onEveryEndpoint() {
    for (Map.Entry<String, String> who : outsiders.entrySet()) {
      for (Endpoint e : ENDPOINTS) {
        TestService.Response unknown = e.call().apply(neverIssued, who.getValue());
        for (String real : List.of(created, outForDelivery)) {
          TestService.Response hidden = e.call().apply(real, who.getValue());
          String what = who.getKey() + " on " + e.name() + ": " + hidden.body();
          assertThat(hidden.status()).as(what).isEqualTo(unknown.status());
          assertThat(hidden.body()).as(what).isEqualTo(unknown.body());
          assertThat(headers(hidden)).as(what).isEqualTo(headers(unknown));
        }
      }
    }
  }

  @Test
  void anOutsiderAllowedOnTheEndpoint_getsThePlain404() {
    String station = outsiders.get("foreign station");
    String courier = outsiders.get("courier of the destination, not assigned");
    for (TestService.Response r : List.of(
        svc.post("/v1/shipments/" + created + "/events", station, Map.of("type", "ARRIVED")),
        svc.post("/v1/shipments/" + outForDelivery + "/reveal", courier,
            Map.of("party", "recipient", "purpose", "DELIVERY")),
        svc.post("/v1/shipments/" + outForDelivery + "/contact", courier, Map.of()))) {
      assertThat(r.status()).as(r.body()).isEqualTo(404);
      assertThat(r.json().get("type").asText()).isEqualTo("https://parcelveil.org/problems/not-found");
      assertThat(r.body()).doesNotContain("state", "reason", "auditIndex");
    }
  }

  private static Map<String, String> headers(TestService.Response r) {
    Map<String, String> out = new TreeMap<>();
    r.raw().headers().map().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("date") && !k.equalsIgnoreCase("x-request-id")) {
        out.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v));
      }
    });
    return out;
  }
}
