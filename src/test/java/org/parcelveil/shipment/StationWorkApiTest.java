package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * Bulk scans ({@code POST /v1/scans/bulk}) and a station's lists ({@code GET /v1/stations/{code}/parcels}) through
 * the real service: the count checked before anything is recorded, each parcel answering for itself, and each list
 * for its own station's staff only.
 */
class StationWorkApiTest {
  private static TestService svc;
  private static Parcels parcels;

  @BeforeAll
  static void start() {
    svc = TestService.start();
    parcels = new Parcels(svc);
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  private static String pickedUp(String reference) {
    String wb = parcels.create(reference);
    parcels.event(parcels.originDesk, wb, Map.of("type", "PICKED_UP"));
    return wb;
  }

  private static TestService.Response bulk(String token, String type, List<String> waybills, Object count) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", type);
    body.put("waybills", waybills);
    body.put("count", count);
    return svc.post("/v1/scans/bulk", token, body);
  }

  @Test
  void bulkArrival_recordsEachParcel_andAnswersEachForItself() {
    String a = pickedUp("BULK-A");
    String b = pickedUp("BULK-B");
    String notPickedUp = parcels.create("BULK-C");
    String typedLowerWithSpaces = " " + b.substring(0, 6).toLowerCase() + " " + b.substring(6) + " ";
    TestService.Response r = bulk(parcels.hubDesk, "ARRIVED",
        List.of(a, typedLowerWithSpaces, notPickedUp, "PV00000000000000X", a), 5);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode results = r.json().get("results");
    assertThat(r.json().get("recorded").asInt()).isEqualTo(2);
    assertThat(results.get(0).get("result").asText()).isEqualTo("RECORDED");
    assertThat(results.get(0).get("state").asText()).isEqualTo("IN_TRANSIT");
    assertThat(results.get(1).get("waybill").asText()).isEqualTo(b);
    assertThat(results.get(1).get("result").asText()).isEqualTo("RECORDED");
    assertThat(results.get(2).get("result").asText()).isEqualTo("CONFLICT");
    assertThat(results.get(2).get("error").get("status").asInt()).isEqualTo(409);
    assertThat(results.get(3).get("result").asText()).isEqualTo("NOT_FOUND");
    assertThat(results.get(3).get("error").get("status").asInt()).isEqualTo(404);
    assertThat(results.get(3).get("waybill").isNull()).as("what was typed is not echoed").isTrue();
    assertThat(results.get(4).get("result").asText()).isEqualTo("REPEATED");
    assertThat(svc.get("/v1/shipments/" + a, parcels.merchant).json().get("events")).hasSize(2);
  }

  @Test
  void aCageGoesOutWithOneCourier_onlyOfThisStation() {
    String a = pickedUp("CAGE-A");
    String b = pickedUp("CAGE-B");
    parcels.toDestinationFromPickup(a);
    parcels.toDestinationFromPickup(b);
    Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("type", "OUT_FOR_DELIVERY",
        "waybills", List.of(a, b), "count", 2, "courierId", parcels.courierId));
    TestService.Response r = svc.post("/v1/scans/bulk", parcels.destDesk, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("recorded").asInt()).isEqualTo(2);
    assertThat(svc.pv.shipments().find(a).orElseThrow().assignment().deliveryCourierId()).isEqualTo(parcels.courierId);

    String c = pickedUp("CAGE-C");
    parcels.toDestinationFromPickup(c);
    body.put("waybills", List.of(c));
    body.put("count", 1);
    body.put("courierId", "pr_not_a_courier");
    JsonNode refused = svc.post("/v1/scans/bulk", parcels.destDesk, body).json().get("results").get(0);
    assertThat(refused.get("result").asText()).isEqualTo("INVALID");
    assertThat(refused.get("error").get("errors").toString()).contains("courierId");
  }

  @Test
  void aWrongCount_is400_andNothingIsRecorded() {
    String a = pickedUp("COUNT-A");
    String b = pickedUp("COUNT-B");
    TestService.Response r = bulk(parcels.hubDesk, "ARRIVED", List.of(a, b), 3);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("count");
    assertThat(bulk(parcels.hubDesk, "ARRIVED", List.of(a, b), null).status()).isEqualTo(400);
    assertThat(svc.get("/v1/shipments/" + a, parcels.merchant).json().get("status").asText()).isEqualTo("PICKED_UP");
    assertThat(svc.get("/v1/shipments/" + b, parcels.merchant).json().get("status").asText()).isEqualTo("PICKED_UP");
  }

  @Test
  void anOversizedList_aHugeNumber_orAnUnknownType_is400_beforeAnything() {
    String a = pickedUp("SIZE-A");
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= BulkScan.MAX_PARCELS; i++) {
      many.add(a);
    }
    assertThat(bulk(parcels.hubDesk, "ARRIVED", many, many.size()).status()).isEqualTo(400);
    TestService.Response huge = bulk(parcels.hubDesk, "ARRIVED", List.of(a, "9".repeat(100_000)), 2);
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.body()).contains("waybills[1]").doesNotContain("99999999999");
    assertThat(bulk(parcels.hubDesk, "DELIVERED", List.of(a), 1).status()).isEqualTo(400);
    assertThat(svc.get("/v1/shipments/" + a, parcels.merchant).json().get("status").asText()).isEqualTo("PICKED_UP");
  }

  @Test
  void bulkScans_areForStationStaff_andAParcelOffTheRoute_isNotFound() {
    String a = pickedUp("ROLE-A");
    assertThat(bulk(parcels.merchant, "ARRIVED", List.of(a), 1).status()).isEqualTo(403);
    assertThat(bulk(parcels.courier, "ARRIVED", List.of(a), 1).status()).isEqualTo(403);
    svc.post("/v1/stations", svc.adminToken, Map.of("code", "SHH", "name", "Shanghai hub", "kind", "HUB",
        "area", Fixtures.area("上海市", "上海市", "青浦区")));
    String farHub = svc.principal("station", "Far hub desk", "SHH").token();
    TestService.Response r = bulk(farHub, "ARRIVED", List.of(a), 1);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("results").get(0).get("result").asText()).isEqualTo("NOT_FOUND");
  }

  /**
   * Why station staff got 403 at a hub: events are recorded at the recorder's own station, and a station that is not
   * on the parcel's route may not scan it. Hub work is for the hub's own staff, who may.
   */
  @Test
  void aStationsStaff_scanOnlyAtTheirStation_andHubStaffAtTheirHub() {
    String wb = pickedUp("AT-HUB");
    TestService.Response atHub = svc.post("/v1/shipments/" + wb + "/events", parcels.destDesk,
        Map.of("type", "ARRIVED", "stationCode", "HZH"));
    assertThat(atHub.status()).isEqualTo(403);
    TestService.Response byHub = svc.post("/v1/shipments/" + wb + "/events", parcels.hubDesk,
        Map.of("type", "ARRIVED", "stationCode", "HZH"));
    assertThat(byHub.status()).as(byHub.body()).isEqualTo(201);
    TestService.Response hubCourier = svc.post("/v1/principals", svc.adminToken,
        Map.of("role", "courier", "name", "Hub rider", "stationCode", "HZH"));
    assertThat(hubCourier.status()).isEqualTo(400);
    assertThat(hubCourier.body()).contains("not a hub");
  }

  private static Set<String> listed(String token, String code, String query) {
    Set<String> out = new HashSet<>();
    String cursor = null;
    do {
      TestService.Response r = svc.get("/v1/stations/" + code + "/parcels?limit=2" + query
          + (cursor == null ? "" : "&cursor=" + cursor), token);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json().get("items").forEach(i -> out.add(i.get("waybill").asText() + ":" + i.get("place").asText()));
      cursor = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asText();
    } while (cursor != null);
    return out;
  }

  @Test
  void stationParcels_listsWhatIsAtTheStation_andWhatIsOnItsWay() {
    String waiting = pickedUp("LIST-WAIT");
    String sorted = pickedUp("LIST-SORT");
    parcels.event(parcels.hubDesk, sorted, Map.of("type", "ARRIVED"));
    String arrived = pickedUp("LIST-HERE");
    parcels.toDestinationFromPickup(arrived);
    String created = parcels.create("LIST-NEW");

    Set<String> xihu = listed(parcels.destDesk, "HZ-XH01", "");
    assertThat(xihu).contains(waiting + ":EXPECTED", sorted + ":EXPECTED", arrived + ":AT")
        .noneMatch(s -> s.startsWith(created));
    assertThat(listed(parcels.destDesk, "HZ-XH01", "&state=at")).contains(arrived + ":AT")
        .doesNotContain(waiting + ":EXPECTED");

    Set<String> hub = listed(parcels.hubDesk, "HZH", "");
    assertThat(hub).contains(sorted + ":AT", waiting + ":EXPECTED").noneMatch(s -> s.startsWith(arrived));

    Set<String> binjiang = listed(parcels.originDesk, "HZ-BJ01", "");
    assertThat(binjiang).contains(waiting + ":AT").noneMatch(s -> s.startsWith(sorted));
  }

  /**
   * A parcel support redirected is expected at its new station, and no longer at the old one: that station may not
   * see it (it never scanned it), so its list must not hand it the number, the sort code and the weight.
   */
  @Test
  void aRedirectedParcel_isExpectedAtItsNewStation_notListedAtTheOldOne() {
    svc.post("/v1/stations", svc.adminToken, Map.of("code", "HZ-GS01", "name", "Gongshu", "kind", "STATION",
        "area", Fixtures.area("浙江省", "杭州市", "拱墅区")));
    String gongshu = svc.principal("station", "Gongshu desk", "HZ-GS01").token();
    String support = svc.principal("support", "Agent", null).token();
    String wb = pickedUp("LIST-REDIRECT");
    assertThat(listed(parcels.destDesk, "HZ-XH01", "&state=expected")).contains(wb + ":EXPECTED");
    TestService.Response moved = svc.post("/v1/shipments/" + wb + "/events", support,
        Map.of("type", "REDIRECTED", "ticket", "T-LIST", "stationCode", "HZ-GS01"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(201);
    assertThat(svc.get("/v1/shipments/" + wb, parcels.destDesk).status()).isEqualTo(404);
    assertThat(listed(parcels.destDesk, "HZ-XH01", "")).noneMatch(s -> s.startsWith(wb));
    assertThat(listed(gongshu, "HZ-GS01", "")).contains(wb + ":EXPECTED");
  }

  @Test
  void stationParcels_areForTheStationsOwnStaffOnly() {
    assertThat(svc.get("/v1/stations/HZ-XH01/parcels", parcels.originDesk).status()).isEqualTo(403);
    assertThat(svc.get("/v1/stations/NOPE/parcels", parcels.originDesk).status()).isEqualTo(403);
    assertThat(svc.get("/v1/stations/HZ-XH01/parcels", parcels.courier).status()).isEqualTo(403);
    assertThat(svc.get("/v1/stations/HZ-XH01/parcels", parcels.merchant).status()).isEqualTo(403);
    assertThat(svc.get("/v1/stations/HZ-XH01/parcels", svc.adminToken).status()).isEqualTo(403);
    assertThat(svc.get("/v1/stations/HZ-XH01/parcels", null).status()).isEqualTo(401);
  }

  @Test
  void stationParcels_badFilterOrCursor_is400() {
    assertThat(svc.get("/v1/stations/HZ-XH01/parcels?state=GONE", parcels.destDesk).status()).isEqualTo(400);
    assertThat(svc.get("/v1/stations/HZ-XH01/parcels?cursor=bogus", parcels.destDesk).status()).isEqualTo(400);
    assertThat(svc.get("/v1/stations/HZ-XH01/parcels?limit=0", parcels.destDesk).status()).isEqualTo(400);
  }

  @Test
  void stationParcels_itemsCarryNoPersonalData() {
    String wb = pickedUp("LIST-PII");
    String body = svc.get("/v1/stations/HZ-XH01/parcels?limit=200", parcels.destDesk).body();
    assertThat(body).contains(wb);
    for (String marker : Fixtures.MARKERS) {
      assertThat(body).doesNotContain(marker);
    }
  }
}
