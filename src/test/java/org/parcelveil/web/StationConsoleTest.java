package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * The station and hub consoles: hub staff created and scanning at their hub, the scan messages (the number named,
 * the field kept, lower case found, an empty submit told apart), the bulk box with its count, the station's lists
 * and a courier's run.
 */
class StationConsoleTest {
  private static TestService svc;
  private static Parcels parcels;
  private static String courierId;
  private static final Map<String, byte[]> SECRETS = new HashMap<>();

  @BeforeAll
  static void start() {
    svc = TestService.start();
    parcels = new Parcels(svc);
    People.admin(svc, "root");
    People.person(svc, "station", "Hub Desk", "HZH", "hubdesk");
    People.person(svc, "station", "Xihu Desk", "HZ-XH01", "xihudesk");
    courierId = People.person(svc, "courier", "Xihu Rider", "HZ-XH01", "xihurider");
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  private static ConsoleClient signedIn(String login) {
    ConsoleClient c = new ConsoleClient(svc);
    People.signIn(c, svc, login, SECRETS);
    return c;
  }

  private static String pickedUp(String reference) {
    String wb = parcels.create(reference);
    parcels.event(parcels.originDesk, wb, Map.of("type", "PICKED_UP"));
    return wb;
  }

  private static String status(String waybill) {
    return svc.get("/v1/shipments/" + waybill, parcels.merchant).json().get("status").asText();
  }

  @Test
  void adminsNewPersonForm_listsHubs_andAHubTakesNoCourier() {
    ConsoleClient c = signedIn("root");
    ConsoleClient.Page admin = c.get("/console/admin");
    assertThat(admin.body()).contains("<optgroup label=\"Hubs\">").contains("value=\"HZH\"");
    ConsoleClient.Page made = c.post("/console/admin/principals",
        Map.of("role", "station", "name", "Second hub desk", "stationCode", "HZH"));
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    c.get("/console/admin");
    ConsoleClient.Page courier = c.post("/console/admin/principals",
        Map.of("role", "courier", "name", "Hub rider", "stationCode", "HZH"));
    assertThat(courier.status()).isEqualTo(400);
    assertThat(courier.body()).contains("not a hub");
  }

  @Test
  void hubStaff_scanArrivedAndDeparted_atTheirHub() {
    String wb = pickedUp("HUB-CONSOLE");
    ConsoleClient c = signedIn("hubdesk");
    ConsoleClient.Page page = c.get("/console/station");
    assertThat(page.body()).contains("Hub").contains("HZH").doesNotContain("value=\"PICKUP_ASSIGNED\"");
    ConsoleClient.Page in = c.post("/console/station/scan", Map.of("waybill", wb, "type", "ARRIVED"));
    assertThat(in.status()).as(in.body()).isEqualTo(200);
    assertThat(in.body()).contains("Arrived: " + wb);
    ConsoleClient.Page out = c.post("/console/station/scan", Map.of("waybill", wb, "type", "DEPARTED"));
    assertThat(out.status()).as(out.body()).isEqualTo(200);
    assertThat(status(wb)).isEqualTo("IN_TRANSIT");
    assertThat(svc.get("/v1/shipments/" + wb, parcels.merchant).json().get("events").toString()).contains("HZH");
  }

  @Test
  void scanMessages_nameTheNumber_keepTheField_andFindLowerCase() {
    ConsoleClient c = signedIn("hubdesk");
    c.get("/console/station");
    ConsoleClient.Page empty = c.post("/console/station/scan", Map.of("waybill", "  ", "type", "ARRIVED"));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body()).contains("Scan or type a waybill number").doesNotContain("No such shipment");

    ConsoleClient.Page unknown = c.post("/console/station/scan", Map.of("waybill", "pv0000<b>x", "type", "ARRIVED"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("No such shipment: PV0000&lt;B&gt;X").contains("value=\"PV0000&lt;B")
        .doesNotContain("<b>");

    ConsoleClient.Page huge = c.post("/console/station/scan", Map.of("waybill", "Q".repeat(100_000), "type", "ARRIVED"));
    assertThat(huge.status()).isEqualTo(404);
    assertThat(huge.body()).doesNotContain("Q".repeat(41)).contains("Q".repeat(24) + "…");

    String wb = pickedUp("LOWER-CASE");
    String typed = wb.substring(0, 2).toLowerCase() + " " + wb.substring(2, 9) + " " + wb.substring(9).toLowerCase();
    ConsoleClient.Page found = c.post("/console/station/scan", Map.of("waybill", typed, "type", "ARRIVED"));
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    assertThat(found.body()).contains("Arrived: " + wb);
  }

  @Test
  void bulkBox_checksTheCount_thenAnswersEachParcel() {
    String a = pickedUp("BAG-A");
    String b = pickedUp("BAG-B");
    ConsoleClient c = signedIn("hubdesk");
    c.get("/console/station");
    String text = a + "\n" + b.toLowerCase() + "\nPV0000NOTONE\n";
    ConsoleClient.Page wrong = c.post("/console/station/bulk", Map.of("waybills", text, "count", "2",
        "type", "ARRIVED"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body()).contains("You counted 2 parcels but scanned 3 numbers").contains(a);
    assertThat(status(a)).isEqualTo("PICKED_UP");

    ConsoleClient.Page noCount = c.post("/console/station/bulk", Map.of("waybills", text, "count", "",
        "type", "ARRIVED"));
    assertThat(noCount.status()).isEqualTo(400);
    assertThat(noCount.body()).contains("Type how many parcels you counted");

    ConsoleClient.Page done = c.post("/console/station/bulk", Map.of("waybills", text, "count", "3",
        "type", "ARRIVED"));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("2 of 3 parcels recorded").contains("id=\"bulk-results\"")
        .contains("No such shipment here");
    assertThat(status(a)).isEqualTo("IN_TRANSIT");
    assertThat(status(b)).isEqualTo("IN_TRANSIT");
  }

  @Test
  void stationLists_showAtAndExpected_andTheHandOverPerCourier() {
    String coming = pickedUp("LIST-COMING");
    String here = pickedUp("LIST-HERE");
    parcels.toDestinationFromPickup(here);
    String out = pickedUp("LIST-OUT");
    parcels.toDestinationFromPickup(out);
    parcels.event(parcels.destDesk, out, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId));

    ConsoleClient c = signedIn("xihudesk");
    ConsoleClient.Page lists = c.get("/console/station/lists");
    assertThat(lists.status()).as(lists.body()).isEqualTo(200);
    String body = lists.body();
    String at = body.substring(body.indexOf("id=\"list-at\""), body.indexOf("id=\"expected-h\""));
    String expected = body.substring(body.indexOf("id=\"list-expected\""), body.indexOf("id=\"handover-h\""));
    String handOver = body.substring(body.indexOf("id=\"handover-h\""));
    assertThat(at).contains(here).doesNotContain(coming).doesNotContain(out);
    assertThat(expected).contains(coming).doesNotContain(here);
    assertThat(handOver).contains("Xihu Rider").contains(out).doesNotContain(here);
    assertThat(body).contains("(UTC+08:00)");

    ConsoleClient rider = signedIn("xihurider");
    ConsoleClient.Page run = rider.get("/console/courier/run");
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    assertThat(run.body()).contains(out).contains("Delivery").contains("西湖区");
    assertThat(rider.get("/console/courier").body()).contains("href=\"/console/courier/run\"");
    assertThat(c.get("/console/courier/run").status()).isEqualTo(403);
    assertThat(rider.get("/console/station/lists").status()).isEqualTo(403);
  }
}
