package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * Bad form input on the newer screens (labels, QR scans, alerts, canaries, attribution) gets a 4xx page that says
 * what was wrong, never a 500 and never the input echoed back.
 */
class ConsoleFormInputTest {
  private static TestService svc;
  private static final Map<String, byte[]> SECRETS = new HashMap<>();

  @BeforeAll
  static void start() {
    svc = TestService.start();
    Fixtures.network(svc);
    People.person(svc, "merchant", "Form Shop", null, "formshop");
    People.person(svc, "station", "Form Desk", "HZ-XH01", "formdesk");
    People.person(svc, "security", "Form Watcher", null, "formwatch");
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void merchant_unknownLabel_is404_andAnEmptyBatch_is400() {
    ConsoleClient c = signedIn("formshop");
    assertPage(c.get("/console/merchant/labels/PVNOSUCHONE1.pdf"), 404, "No such shipment of yours");
    c.get("/console/merchant");
    assertPage(c.post("/console/merchant/labels", Map.of()), 400, "Tick at least one");
    c.get("/console/merchant");
    assertPage(c.post("/console/merchant/labels", Map.of("waybills", "PVNOSUCHONE1")), 400, "waybills[0]");
  }

  @Test
  void station_forgedOrEmptyQr_is400() {
    ConsoleClient c = signedIn("formdesk");
    c.get("/console/station");
    assertPage(c.post("/console/station/qr", Map.of("qr", "https://evil.example/c/AAAAbogus", "type", "ARRIVED")),
        400, "not a valid label").doesNotContain("evil.example");
    c.get("/console/station");
    assertPage(c.post("/console/station/qr", Map.of("qr", "")), 400, "not a valid label");
  }

  @Test
  void security_badCanaryFormsAndAlertActions_are4xx() {
    ConsoleClient c = signedIn("formwatch");
    c.get("/console/security/canaries");
    assertPage(c.post("/console/security/canaries", Map.of("channel", "partner:x", "count", "many")), 400,
        "whole number");
    assertPage(c.post("/console/security/canaries", Map.of("channel", "bad channel!", "count", "1")), 400,
        "channel");
    assertPage(c.post("/console/security/canaries", Map.of("channel", "partner:x", "count", "0")), 400, "count");
    assertPage(c.get("/console/security/alerts?days=3650"), 400, "not one this page offers");
    c.get("/console/security/alerts");
    assertPage(c.post("/console/security/alerts/acknowledge", Map.of("id", "al_nope")), 404, "No such alert");
    String id = svc.pv.leaks().alerts().raise(new AlertDraft(Severity.MEDIUM, "tracking_enumeration", null, null,
        "misses 30 above 20", Instant.now(), "form|1")).id();
    c.get("/console/security/alerts");
    assertPage(c.post("/console/security/alerts/suspend", Map.of("id", id)), 409, "names no principal");
  }

  @Test
  void security_badAttributionUploads_are400_withoutEchoingTheList() {
    ConsoleClient c = signedIn("formwatch");
    c.get("/console/security/attribution");
    assertPage(c.post("/console/security/attribution", Map.of("format", "xml", "list", "PV1")), 400, "formats");
    assertPage(c.post("/console/security/attribution", Map.of("format", "lines", "list", " ")), 400,
        "Paste a list");
    assertPage(c.post("/console/security/attribution", Map.of("format", "csv", "list", "colour,size\nred,13912345678\n")),
        400, "no waybill, phone or name").doesNotContain("13912345678");
    assertPage(c.post("/console/security/attribution", Map.of("format", "csv",
        "list", "waybill,phone\n\"PV1,13912345678\n\"oops\"x,1\n")), 400, "could not be read")
        .doesNotContain("13912345678");
  }

  @Test
  void security_rangeSweepPasted_isHeldForAnAdmin_andThePageNamesNoWaybillOrMerchant() {
    var shop = svc.principal("merchant", "Sweep Shop", null);
    String waybill = svc.post("/v1/shipments", shop.token(), Fixtures.shipment("SWEEP-1")).json().get("waybill").asText();
    StringBuilder sweep = new StringBuilder();
    for (int i = 4000; i < 4400; i++) {
      sweep.append(String.format("1398765%04d%n", i)); // the fixture's recipient phone is in this block
    }
    ConsoleClient c = signedIn("formwatch");
    c.get("/console/security/attribution");
    ConsoleClient.Page page = c.post("/console/security/attribution", Map.of("format", "lines", "list", sweep.toString()));
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("held for an admin").contains("walk through a number range")
        .doesNotContain(waybill).doesNotContain(shop.principal().id()).doesNotContain("Sweep Shop")
        .doesNotContain(Fixtures.MARK_PHONE);
  }

  private static ConsoleClient signedIn(String login) {
    ConsoleClient c = new ConsoleClient(svc);
    People.signIn(c, svc, login, SECRETS);
    return c;
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertPage(ConsoleClient.Page p, int status,
      String says) {
    assertThat(p.status()).as(p.body()).isEqualTo(status);
    assertThat(p.header("Content-Type")).startsWith("text/html");
    assertThat(p.header("Cache-Control")).isEqualTo("no-store");
    return assertThat(p.body()).contains(says);
  }
}
