package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parcelveil.access.Principals;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.demo.DemoData;
import org.parcelveil.http.Json;
import org.parcelveil.label.QrTokens;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;
import org.parcelveil.web.session.Totp;

/**
 * The console in headless Chromium: sign-in, one flow per role, reveals that leave nothing behind, CSRF, and pages
 * that load nothing from other origins. Screenshots of the main screens go to target/screenshots.
 */
class ConsoleBrowserTest {
  private static final String REVEAL_MARK = "Revealmark";
  private static TestService svc;
  private static Browser browser;
  private static Principals.Created merchant;
  private static Principals.Created otherMerchant;
  private static Principals.Created originStaff;
  private static Principals.Created destinationStaff;
  private static String courierId;
  private static final Map<String, byte[]> secrets = new HashMap<>();

  @BeforeAll
  static void start() {
    Browser.requireChromium();
    svc = TestService.start();
    Fixtures.network(svc);
    merchant = People.personWithToken(svc, "merchant", "杭州茶叶店", null, "shop");
    otherMerchant = svc.principal("merchant", "Another shop", null);
    originStaff = People.personWithToken(svc, "station", "滨江 王", "HZ-BJ01", "bj-staff");
    destinationStaff = People.personWithToken(svc, "station", "西湖 李", "HZ-XH01", "xh-staff");
    courierId = People.person(svc, "courier", "快递员 赵", "HZ-XH01", "xh-courier");
    People.person(svc, "support", "客服 钱", null, "helper");
    People.person(svc, "security", "安全 孙", null, "watcher");
    People.admin(svc, "root");
    browser = Browser.open(svc.url(""));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (svc != null) {
      svc.close();
    }
  }

  @AfterEach
  void signOut() {
    browser.driver.manage().deleteAllCookies();
    browser.size(1280, 900);
  }

  @Test
  void signIn_wrongPasswordRefused_thenMerchantCreatesAShipment_seenMaskedOnly() {
    browser.go("/console");
    assertThat(browser.path()).isEqualTo("/console/signin");
    browser.shot("signin");
    browser.type("#login", "shop");
    browser.type("#password", "not the password");
    browser.submit("button[type=submit]");
    assertThat(browser.find("p.error").getText()).contains("Wrong sign-in name or password");
    signIn("shop");
    assertThat(browser.path()).isEqualTo("/console/merchant");
    browser.go("/console/merchant/new");
    Map<String, String> form = new HashMap<>(Map.of("reference", "WEB-1", "sender_name", "杭州茶叶店",
        "sender_phone", "13800001111", "sender_province", "浙江省", "sender_city", "杭州市", "sender_district", "滨江区",
        "sender_detail", "3楼", "recipient_name", "Webmark 张三", "recipient_phone", "13912345678"));
    form.putAll(Map.of("recipient_province", "浙江省", "recipient_city", "杭州市", "recipient_district", "西湖区",
        "recipient_detail", "2栋1204室", "weight_grams", "1200", "cod_amount", "128.50"));
    form.forEach((k, v) -> browser.type("#" + k, v));
    browser.fullShot("merchant-new", 1280);
    browser.submit("form[action='/console/merchant/new'] button[type=submit]");
    String waybill = browser.find("#created-waybill").getText();
    assertThat(browser.source()).doesNotContain("Webmark").doesNotContain("13912345678");
    browser.go("/console/merchant?q=WEB-1");
    assertThat(browser.source()).contains(waybill).contains("*******5678").doesNotContain("Webmark");
    assertThat(browser.find("a[href$='.pdf']").getAttribute("href")).endsWith("/console/merchant/labels/" + waybill
        + ".pdf");
    browser.go("/console/merchant");
    browser.fullShot("merchant-shipments", 1280);
  }

  @Test
  void merchant_importsCsv_withPerRowErrors() throws IOException {
    Path csv = Files.createTempFile("pv-import-", ".csv");
    String good = ",杭州茶叶店,13800001111,浙江省,杭州市,滨江区,,3楼,李四,13912340000,浙江省,杭州市,西湖区,,1室,800,,,,,";
    Files.writeString(csv, String.join(",", List.of("reference", "sender_name", "sender_phone", "sender_province",
        "sender_city", "sender_district", "sender_street", "sender_detail", "recipient_name", "recipient_phone",
        "recipient_province", "recipient_city", "recipient_district", "recipient_street", "recipient_detail",
        "weight_grams", "length_cm", "width_cm", "height_cm", "cod_amount", "cod_currency")) + "\n"
        + "CSV-1" + good + "\n" + "CSV-2" + good.replace("13912340000", "12") + "\n"
        + "CSV-3" + good.replace(",800,", ",heavy,") + "\n" + "CSV-4" + good + "\n", StandardCharsets.UTF_8);
    signIn("shop");
    browser.go("/console/merchant/import");
    browser.find("#file").sendKeys(csv.toAbsolutePath().toString());
    browser.submit("form[action='/console/merchant/import'] button[type=submit]");
    assertThat(browser.find("#result-h").getText()).isEqualTo("2 created, 2 failed");
    String errors = browser.find("#row-errors").getText();
    assertThat(errors).contains("3").contains("recipient.phone").contains("4").contains("parcel.weightGrams");
    assertThat(errors).doesNotContain("heavy").doesNotContain("12 ");
    assertThat(browser.all("#created-waybills li")).hasSize(2);
    browser.fullShot("merchant-import", 1280);
  }

  @Test
  void station_recordsArrival_andAssignsACourierForDelivery() {
    String waybill = shipment("ST-1", "Stationmark 周");
    event(originStaff, waybill, Map.of("type", "PICKED_UP"));
    signIn("xh-staff");
    assertThat(browser.path()).isEqualTo("/console/station");
    browser.type("#waybill", waybill);
    new Select(browser.find("#type")).selectByValue("ARRIVED");
    browser.submit("#scan-form button[type=submit]");
    assertThat(browser.find("p.notice").getText()).contains("Arrived").contains(waybill);
    browser.type("#waybill", waybill);
    new Select(browser.find("#type")).selectByValue("OUT_FOR_DELIVERY");
    new Select(browser.find("#courierId")).selectByValue(courierId);
    browser.submit("#scan-form button[type=submit]");
    assertThat(browser.find("p.notice").getText()).contains(waybill);
    assertThat(svc.pv.shipments().find(waybill).orElseThrow().assignment().deliveryCourierId()).isEqualTo(courierId);
    browser.type("#waybill", "NOTAWAYBILL1");
    browser.submit("#scan-form button[type=submit]");
    assertThat(browser.find("p.error").getText()).contains("No such shipment");
    browser.size(412, 915);
    browser.fullShot("station-scan-phone", 412);
  }

  @Test
  void courier_revealsOnce_callsThroughRelay_andDelivers_leavingNothingInPageOrCache() throws IOException {
    String revealed = outForDelivery("CO-1", REVEAL_MARK + " 林黛玉");
    String other = outForDelivery("CO-2", "Othermark 薛宝钗");
    try (Browser phone = Browser.open(svc.url(""))) {
      phone.size(412, 915);
      signIn(phone, "xh-courier");
      assertThat(phone.path()).isEqualTo("/console/courier");
      assertThat(phone.source()).contains(revealed).contains(other).doesNotContain(REVEAL_MARK);
      phone.fullShot("courier-today-phone", 412);
      phone.submit("#task-" + revealed + " form[action='/console/courier/reveal'] button");
      assertThat(phone.find("#plain-name").getText()).contains(REVEAL_MARK);
      assertThat(phone.driver.getCurrentUrl()).doesNotContain(REVEAL_MARK).endsWith("/console/courier/reveal");
      phone.shot("courier-reveal-phone");
      phone.driver.navigate().refresh();
      acceptResubmitDialog(phone);
      assertThat(phone.source()).doesNotContain(REVEAL_MARK);
      phone.driver.navigate().back();
      acceptResubmitDialog(phone);
      assertThat(phone.source()).doesNotContain(REVEAL_MARK);
      phone.go("/console/courier");
      phone.submit("#task-" + other + " form[action='/console/courier/contact'] button");
      assertThat(phone.find("#dial").getAttribute("href")).startsWith("tel:");
      phone.shot("courier-call-phone");
      phone.go("/console/courier");
      phone.submit("#task-" + other + " form[action='/console/courier/event'] input[value=DELIVERED] ~ button");
      // Cash on delivery: the courier confirms the cash was collected before the delivery is recorded.
      assertThat(phone.find("label[for=codCollected]").getText()).contains("128.50");
      phone.find("#codCollected").click();
      phone.submit("#confirm-form button[type=submit]");
      assertThat(phone.find("p.notice").getText()).contains("Delivered").contains(other);
      assertThat(phone.all("#task-" + other)).isEmpty();
      phone.driver.quit();
      assertThat(filesContaining(phone.profile, REVEAL_MARK.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
  }

  @Test
  void postWithoutCsrfToken_isRefusedInTheBrowser() {
    signIn("shop");
    Object status = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "fetch('/console/merchant/new', {method: 'POST', headers: {'Content-Type': "
        + "'application/x-www-form-urlencoded'}, body: 'reference=NOCSRF'}).then(function (r) { done(r.status); });");
    assertThat(((Number) status).intValue()).isEqualTo(403);
    Object withToken = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "var t = document.querySelector('input[name=csrf]').value;"
        + "fetch('/console/signout', {method: 'POST', headers: {'Content-Type': "
        + "'application/x-www-form-urlencoded'}, body: 'csrf=' + encodeURIComponent(t)}).then(function (r) {"
        + " done(r.status); });");
    assertThat(((Number) withToken).intValue()).isEqualTo(200);
  }

  @Test
  void support_findsAShipment_andRevealsWithATicket_inChinese() {
    String waybill = outForDelivery("SU-1", "Supportmark 吴");
    signIn("helper");
    browser.go("/console/lang/zh?back=/console/support");
    assertThat((String) browser.js("return document.documentElement.lang")).isEqualTo("zh-CN");
    browser.type("#waybill", waybill);
    browser.submit("form[role=search] button");
    assertThat(browser.source()).contains("收件人").doesNotContain("Supportmark");
    browser.fullShot("support-find-zh", 1280);
    // The events name who handled each, times labelled with the offset; every field has a label and a maxlength,
    // and nothing overflows on a 390 px phone.
    assertThat(browser.find("#events").getText()).contains("UTC+08:00", "网点人员");
    for (WebElement input : browser.all("main input:not([type=hidden]):not([type=radio]):not([type=checkbox])")) {
      assertThat(input.getAttribute("maxlength")).as(input.getAttribute("name")).isNotNull();
      assertThat(browser.all("label[for='" + input.getAttribute("id") + "']").size()).as(input.getAttribute("name"))
          .isPositive();
    }
    browser.size(390, 844);
    assertThat(((Number) browser.js("return Math.max(0, document.documentElement.scrollWidth"
        + " - document.documentElement.clientWidth)")).intValue()).isZero();
    browser.size(1280, 900);
    browser.find("#ticket").sendKeys("TICKET-42");
    browser.submit("form[action='/console/support/reveal'] button[type=submit]");
    assertThat(browser.find("#plain-name").getText()).contains("Supportmark");
    browser.go("/console/lang/en?back=/console/support");
  }

  @Test
  void security_seesEveryEntryProvenAgainstTheCheckpoint_andCharts() {
    String waybill = outForDelivery("SE-1", "Securitymark 郑");
    svc.post("/v1/shipments/" + waybill + "/reveal", merchant.token(),
        Map.of("party", "recipient", "purpose", "DELIVERY"));
    svc.pv.audit().publisher().publishNow();
    signIn("watcher");
    assertThat(browser.path()).isEqualTo("/console/security");
    new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d ->
        "yes".equals(browser.find("#checkpoint-status").getAttribute("data-done")));
    long size = Long.parseLong(browser.find("#checkpoint-status").getAttribute("data-size"));
    assertThat(size).isPositive();
    var rows = browser.all("#audit-entries tr[data-index]");
    assertThat(rows).isNotEmpty();
    for (var row : rows) {
      long index = Long.parseLong(row.getAttribute("data-index"));
      assertThat(row.getAttribute("data-verified")).as("entry " + index).isEqualTo(index < size ? "yes" : "later");
    }
    assertThat(browser.all(".charts svg")).isNotEmpty();
    assertThat(browser.source()).doesNotContain("Securitymark");
    browser.fullShot("security-audit", 1280);
  }

  @Test
  void admin_createsACourier_withASetupLink_andRevokes() {
    signIn("root");
    assertThat(browser.path()).isEqualTo("/console/admin");
    new Select(browser.find("#p-role")).selectByValue("courier");
    browser.type("#p-name", "New Courier");
    new Select(browser.find("#p-station")).selectByValue("HZ-XH01");
    browser.submit("#new-principal button[type=submit]");
    String link = browser.find("#secret-value").getText();
    assertThat(link).contains("/console/setup/");
    browser.fullShot("admin", 1280);
    String id = svc.pv.principals().all().stream().filter(p -> p.name().equals("New Courier")).findFirst()
        .orElseThrow().id();
    browser.submit("#row-" + id + " form[action='/console/admin/principals/revoke'] button");
    // One click only asks: nothing is revoked until the confirmation page's button.
    assertThat(browser.find("#confirm-question").getText()).contains("New Courier");
    assertThat(svc.pv.principals().find(id).orElseThrow().isRevoked()).isFalse();
    browser.fullShot("admin-revoke-confirm", 390);
    browser.submit("#confirm-yes");
    assertThat(browser.find("p.notice").getText()).contains(id);
    assertThat(svc.pv.principals().find(id).orElseThrow().isRevoked()).isTrue();
    browser.driver.get(svc.url(java.net.URI.create(link).getPath()));
    assertThat(browser.source()).contains("This link is not valid");
  }

  @Test
  void merchant_getsRealLabelPdfs_fromTheSession_andNobodyElsesLabels() {
    String mine = shipment("LB-1", "Labelmark 王");
    String theirs = shipment(otherMerchant, "LB-2", "Otherlabel 李");
    signIn("shop");
    browser.go("/console/merchant?q=LB-1");
    String href = browser.find("a[href$='" + mine + ".pdf']").getAttribute("href");
    assertThat(href).endsWith("/console/merchant/labels/" + mine + ".pdf");
    List<Object> one = fetch("GET", "/console/merchant/labels/" + mine + ".pdf", null);
    assertThat(one).containsExactly(200L, "application/pdf", "no-store", "%PDF");
    String csrf = browser.find("#batch-labels input[name=csrf]").getAttribute("value");
    List<Object> batch = fetch("POST", "/console/merchant/labels", "csrf=" + csrf + "&waybills=" + mine);
    assertThat(batch).containsExactly(200L, "application/pdf", "no-store", "%PDF");
    // Another merchant's parcel is as unknown as a made-up number: 404 alone, 400 in a batch, never a label.
    assertThat(fetch("GET", "/console/merchant/labels/" + theirs + ".pdf", null).get(0)).isEqualTo(404L);
    assertThat(fetch("GET", "/console/merchant/labels/PVNOTAREAL1.pdf", null).get(0)).isEqualTo(404L);
    List<Object> foreign = fetch("POST", "/console/merchant/labels", "csrf=" + csrf + "&waybills=" + mine
        + "&waybills=" + theirs);
    assertThat(foreign.get(0)).isEqualTo(400L);
    assertThat(foreign.get(1)).asString().startsWith("text/html");
    assertThat(fetch("POST", "/console/merchant/labels", "csrf=" + csrf).get(0)).isEqualTo(400L);
    assertThat(fetch("POST", "/console/merchant/labels", "waybills=" + mine).get(0)).isEqualTo(403L);
  }

  @Test
  void station_recordsArrival_fromAPastedQrLink_andRefusesAForgedOne() {
    String waybill = shipment("QR-1", "Qrmark 陈");
    event(originStaff, waybill, Map.of("type", "PICKED_UP"));
    String link = QrTokens.link("https://parcelveil.example", svc.pv.shipmentLabels().tokens().issue(waybill));
    signIn("xh-staff");
    browser.type("#qr", link);
    new Select(browser.find("#qr-type")).selectByValue("ARRIVED");
    browser.submit("#qr-form button[type=submit]");
    assertThat(browser.find("p.notice").getText()).contains("Arrived").contains(waybill);
    browser.type("#qr", link.substring(0, link.length() - 2) + "AA");
    browser.submit("#qr-form button[type=submit]");
    assertThat(browser.find("p.error").getText()).contains("not a valid label");
    assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).as("ready for the next scan").isEqualTo("qr");
    browser.fullShot("station-qr", 1280);
  }

  @Test
  void security_acknowledgesAnAlert_thenSuspendsItsPrincipal() {
    Principals.Created suspect = svc.principal("courier", "Suspicious courier", "HZ-XH01");
    String id = svc.pv.leaks().alerts().raise(new AlertDraft(Severity.HIGH, "reveal_volume",
        suspect.principal().id(), null, "reveals in the last hour 42 above 9", svc.clock.instant(), "test|1")).id();
    signIn("watcher");
    browser.go("/console/security/alerts");
    assertThat(browser.find("#alert-" + id + " .alert-state").getText()).isEqualTo("Open");
    browser.fullShot("security-alerts", 1280);
    browser.submit("#alert-" + id + " form[action='/console/security/alerts/acknowledge'] button");
    assertThat(browser.find("p.notice").getText()).contains(id);
    assertThat(browser.all("#alert-" + id)).as("no longer open").isEmpty();
    assertThat(svc.pv.leaks().alerts().find(id).orElseThrow().acknowledgedAt()).isNotNull();
    browser.go("/console/security/alerts?state=acknowledged&kind=reveal_volume&days=7");
    browser.submit("#alert-" + id + " form[action='/console/security/alerts/suspend'] button");
    assertThat(browser.find("p.notice").getText()).contains(suspect.principal().id());
    assertThat(svc.pv.principals().find(suspect.principal().id()).orElseThrow().isRevoked()).isTrue();
    assertThat(auditActions()).contains("alert.acknowledge", "alert.suspend", "principal.revoke");
    assertThat(fetch("GET", "/console/security/alerts?state=bogus", null).get(0)).isEqualTo(400L);
  }

  @Test
  void security_makesCanaries_andAttributesALeakedList_toItsSource() {
    String leaked = shipment("AT-1", "Attributionmark 黄");
    signIn("watcher");
    browser.go("/console/security/canaries");
    browser.type("#c-channel", "partner:browser-test");
    browser.type("#c-count", "2");
    browser.submit("#new-canaries button[type=submit]");
    List<String> canaries = browser.all("#made-waybills li").stream().map(e -> e.getText()).toList();
    assertThat(canaries).hasSize(2);
    assertThat(browser.source()).contains("partner:browser-test");
    browser.fullShot("security-canaries", 1280);
    browser.go("/console/security/attribution");
    browser.find("#a-list").sendKeys(leaked + "\n" + canaries.get(0) + "\n13912345678\n");
    browser.submit("#attribution-form button[type=submit]");
    assertThat(browser.find("#result-h").getText()).contains("3 records");
    assertThat(browser.find("#canaries-found").getText()).contains(canaries.get(0));
    assertThat(browser.all("#suspects tr.suspect")).isNotEmpty();
    assertThat(browser.find("#suspects").getText()).contains(merchant.principal().id()).contains("partner:browser-test");
    assertThat(browser.source()).doesNotContain("13912345678");
    browser.fullShot("security-attribution", 1280);
    browser.go("/console/security/attribution");
    browser.submit("#attribution-form button[type=submit]");
    assertThat(browser.find("p.error").getText()).contains("Paste a list or choose a file");
  }

  @Test
  void admin_seesRetentionAndKeyStatus_withoutKeyMaterial() {
    svc.pv.shredder().run(svc.clock.instant());
    signIn("root");
    browser.go("/console/admin/status");
    assertThat(browser.find("#policy").getText()).contains("30 days").contains("90 days");
    assertThat(browser.find("#last-run").getText()).contains("UTC");
    assertThat(Long.parseLong(browser.find("#held").getText())).isPositive();
    assertThat(browser.all("#due tbody tr")).isNotEmpty();
    assertThat(browser.all("#keys tr.key")).isNotEmpty();
    assertThat(browser.all("#keys .standing")).anySatisfy(e -> assertThat(e.getText()).isEqualTo("current"));
    assertThat(browser.find("#master").getText()).contains("generation 1");
    for (var v : svc.pv.keys().secrets(org.parcelveil.keys.KeyName.QR)) {
      assertThat(browser.source()).doesNotContain(java.util.Base64.getEncoder().encodeToString(v.bytes()))
          .doesNotContain(java.util.HexFormat.of().formatHex(v.bytes()));
    }
    browser.fullShot("admin-status", 1280);
  }

  @Test
  void demoPeople_signInWithTheDemoFile_includingTheAdminsSecondFactor() throws IOException {
    try (TestService demo = TestService.start(); Browser b = Browser.open(demo.url(""))) {
      Path file = new DemoData(demo.pv).seedOnce(demo.dataDir);
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      JsonNode people = Json.mapper().readTree(file.toFile());
      assertThat(people.at("/platform/login").isMissingNode()).as("machines get no sign-in").isTrue();
      demoSignIn(b, demo, people.get("merchant-1"));
      assertThat(b.path()).isEqualTo("/console/merchant");
      assertThat(b.all("#batch-labels tbody tr")).isNotEmpty();
      b.driver.manage().deleteAllCookies();
      demoSignIn(b, demo, people.get("admin"));
      assertThat(b.path()).isEqualTo("/console/admin");
      b.driver.manage().deleteAllCookies();
      demoSignIn(b, demo, people.get("security"));
      assertThat(b.path()).isEqualTo("/console/security");
      b.fullShot("demo-security", 1280);
    }
  }

  /** Signs in as one of the demo file's people, answering the second factor from its secret. */
  static void demoSignIn(Browser b, TestService demo, JsonNode person) {
    b.go("/console/signin");
    b.type("#login", person.get("login").asText());
    b.type("#password", person.get("password").asText());
    b.submit("form[action='/console/signin'] button[type=submit]");
    if (person.has("totpSecret")) {
      assertThat(b.path()).isEqualTo("/console/2fa");
      assertThat(b.all("#totp-secret")).as("already enrolled").isEmpty();
      demo.clock.advance(Duration.ofSeconds(31));
      b.type("#code", Totp.code(People.base32(person.get("totpSecret").asText()), demo.clock.instant()));
      b.submit("form[action='/console/2fa'] button[type=submit]");
    }
  }

  /** Fetches in the page, with its cookies: status, content type, cache control and the body's first 4 bytes. */
  @SuppressWarnings("unchecked")
  private static List<Object> fetch(String method, String path, String form) {
    return (List<Object>) browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "var init = {method: arguments[0]}; if (arguments[2] !== null) { init.body = arguments[2];"
        + " init.headers = {'Content-Type': 'application/x-www-form-urlencoded'}; }"
        + "fetch(arguments[1], init).then(function (r) { return r.arrayBuffer().then(function (b) {"
        + " done([r.status, (r.headers.get('Content-Type') || '').split(';')[0], r.headers.get('Cache-Control'),"
        + " String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 4)))]); }); });", method, path, form);
  }

  private static List<String> auditActions() {
    List<String> actions = new java.util.ArrayList<>();
    try (var c = svc.pv.database().dataSource().getConnection();
        var rs = c.createStatement().executeQuery("SELECT action FROM audit_entries ORDER BY idx")) {
      while (rs.next()) {
        actions.add(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return actions;
  }

  private static void signIn(String login) {
    signIn(browser, login);
  }

  private static void signIn(Browser b, String login) {
    People.signIn(b, svc, login, secrets, () -> {
      if (login.equals("root")) {
        b.fullShot("twofactor-enrol", 1280);
      }
    });
  }

  private static void acceptResubmitDialog(Browser b) {
    try {
      b.driver.switchTo().alert().accept();
    } catch (NoAlertPresentException e) {
      // Chromium did not ask: nothing to accept.
    }
  }

  private static String shipment(String reference, String recipientName) {
    return shipment(merchant, reference, recipientName);
  }

  private static String shipment(Principals.Created by, String reference, String recipientName) {
    Map<String, Object> body = Fixtures.shipment(reference);
    body.put("recipient", Fixtures.party(recipientName, "13912345678", "西湖区"));
    TestService.Response r = svc.post("/v1/shipments", by.token(), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("waybill").asText();
  }

  /** A shipment out for delivery with the test courier. */
  private static String outForDelivery(String reference, String recipientName) {
    String waybill = shipment(reference, recipientName);
    event(originStaff, waybill, Map.of("type", "PICKED_UP"));
    event(destinationStaff, waybill, Map.of("type", "ARRIVED"));
    event(destinationStaff, waybill, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId));
    return waybill;
  }

  private static void event(Principals.Created staff, String waybill, Map<String, Object> body) {
    TestService.Response r = svc.post("/v1/shipments/" + waybill + "/events", staff.token(), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static List<Path> filesContaining(Path dir, byte[] needle) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> {
        try {
          return org.parcelveil.app.ByteSearch.indexOf(Files.readAllBytes(f), needle) >= 0;
        } catch (IOException e) {
          return false;
        }
      }).toList();
    }
  }

}
