package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * Only the stations and hubs on a parcel's route move it; a hub of the same province may take in a missorted parcel
 * and send it on; a return needs the destination station, or support with a ticket.
 */
class RouteRulesTest {
  private static TestService svc;
  private static String merchant;
  private static String originDesk;
  private static String hubDesk;
  private static String destDesk;
  private static String foreignDesk;
  private static String provinceHubDesk;
  private static String farHubDesk;
  private static String support;

  @BeforeAll
  static void network() {
    svc = TestService.start("postgres");
    Fixtures.network(svc);
    station("HZ-GS01", "STATION", "浙江省", "杭州市", "拱墅区");
    station("NBH", "HUB", "浙江省", "宁波市", "鄞州区");
    station("SHH", "HUB", "上海市", "上海市", "浦东新区");
    merchant = svc.principal("merchant", "Shop", null).token();
    originDesk = svc.principal("station", "Binjiang desk", "HZ-BJ01").token();
    hubDesk = svc.principal("station", "Hub desk", "HZH").token();
    destDesk = svc.principal("station", "Xihu desk", "HZ-XH01").token();
    foreignDesk = svc.principal("station", "Gongshu desk", "HZ-GS01").token();
    provinceHubDesk = svc.principal("station", "Ningbo hub desk", "NBH").token();
    farHubDesk = svc.principal("station", "Shanghai hub desk", "SHH").token();
    support = svc.principal("support", "Agent", null).token();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  private static void station(String code, String kind, String province, String city, String district) {
    assertThat(svc.post("/v1/stations", svc.adminToken, Map.of("code", code, "name", code, "kind", kind,
        "area", Fixtures.area(province, city, district))).status()).isEqualTo(201);
  }

  private static TestService.Response event(String token, String waybill, Map<String, Object> body) {
    return svc.post("/v1/shipments/" + waybill + "/events", token, body);
  }

  /** A parcel picked up at Binjiang and sorted in at the Hangzhou hub. */
  private static String inTransit(String reference) {
    String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment(reference)).json().get("waybill").asText();
    assertThat(event(originDesk, wb, Map.of("type", "PICKED_UP")).status()).isEqualTo(201);
    assertThat(event(hubDesk, wb, Map.of("type", "ARRIVED")).status()).isEqualTo(201);
    return wb;
  }

  private static JsonNode view(String waybill) {
    return svc.get("/v1/shipments/" + waybill, merchant).json();
  }

  @Test
  void aForeignStation_cannotArriveOrReturnSomeoneElsesParcel() {
    String wb = inTransit("RR-1");
    assertThat(event(foreignDesk, wb, Map.of("type", "ARRIVED")).status()).isEqualTo(404);
    assertThat(event(foreignDesk, wb, Map.of("type", "RETURNED")).status()).isEqualTo(404);
    assertThat(view(wb).get("status").asText()).isEqualTo("IN_TRANSIT");
    assertThat(view(wb).get("events")).hasSize(2);
  }

  @Test
  void onlyTheDestinationStation_returnsAParcel() {
    String wb = inTransit("RR-2");
    TestService.Response origin = event(originDesk, wb, Map.of("type", "RETURNED"));
    assertThat(origin.status()).as(origin.body()).isEqualTo(403);
    assertThat(origin.json().get("state").asText()).isEqualTo("IN_TRANSIT");
    assertThat(event(hubDesk, wb, Map.of("type", "RETURNED")).status()).isEqualTo(403);
    assertThat(event(provinceHubDesk, wb, Map.of("type", "RETURNED")).status()).isEqualTo(403);
    TestService.Response dest = event(destDesk, wb, Map.of("type", "RETURNED"));
    assertThat(dest.status()).as(dest.body()).isEqualTo(201);
    assertThat(dest.json().get("state").asText()).isEqualTo("RETURNED");
  }

  @Test
  void support_returnsAParcelOnlyWithATicket() {
    String wb = inTransit("RR-3");
    TestService.Response none = event(support, wb, Map.of("type", "RETURNED"));
    assertThat(none.status()).as(none.body()).isEqualTo(400);
    assertThat(none.json().at("/errors/0/field").asText()).isEqualTo("ticket");
    assertThat(event(support, wb, Map.of("type", "RETURNED", "ticket", "no spaces")).status()).isEqualTo(400);
    assertThat(event(support, wb, Map.of("type", "ARRIVED", "ticket", "T-2001")).status()).isEqualTo(403);
    TestService.Response ok = event(support, wb, Map.of("type", "RETURNED", "ticket", "T-2001"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(view(wb).get("status").asText()).isEqualTo("RETURNED");
  }

  @Test
  void aHubOfTheProvince_takesInAMissortedParcel_butNothingMore() {
    String wb = inTransit("RR-4");
    assertThat(event(hubDesk, wb, Map.of("type", "DEPARTED")).status()).isEqualTo(201);
    assertThat(event(farHubDesk, wb, Map.of("type", "ARRIVED")).status()).isEqualTo(404);
    assertThat(event(provinceHubDesk, wb, Map.of("type", "ARRIVED")).status()).isEqualTo(201);
    assertThat(event(provinceHubDesk, wb, Map.of("type", "OUT_FOR_DELIVERY", "courierId", "x")).status())
        .isEqualTo(403);
    assertThat(event(provinceHubDesk, wb, Map.of("type", "DEPARTED")).status()).isEqualTo(201);
    assertThat(view(wb).get("events")).extracting(e -> e.get("stationCode").asText())
        .containsExactly("HZ-BJ01", "HZH", "HZH", "NBH", "NBH");
  }

  @Test
  void aCourier_recordsOnlyAtTheirOwnStation() {
    var courier = svc.principal("courier", "Binjiang courier", "HZ-BJ01");
    String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("RR-5")).json().get("waybill").asText();
    assertThat(event(originDesk, wb, Map.of("type", "PICKUP_ASSIGNED", "courierId", courier.principal().id()))
        .status()).isEqualTo(201);
    assertThat(event(courier.token(), wb, Map.of("type", "PICKED_UP", "stationCode", "HZ-GS01")).status())
        .isEqualTo(403);
    assertThat(event(courier.token(), wb, Map.of("type", "PICKED_UP")).status()).isEqualTo(201);
    assertThat(svc.get("/v1/shipments/" + wb, foreignDesk).status()).isEqualTo(404);
  }

  @Test
  void aStationOnTheRoute_stillGetsTheDetails() {
    String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("RR-6")).json().get("waybill").asText();
    TestService.Response early = event(destDesk, wb, Map.of("type", "ARRIVED"));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().get("state").asText()).isEqualTo("CREATED");
    assertThat(svc.get("/v1/shipments/" + wb, hubDesk).status()).isEqualTo(200);
  }
}
