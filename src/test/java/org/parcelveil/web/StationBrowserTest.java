package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * The station's and hub's screens in headless Chromium on a 390 px phone: hub staff scan a bag through the bulk box,
 * the station reads its lists, the courier its run; no page scrolls sideways, every field has a label and a length.
 */
class StationBrowserTest {
  private static TestService svc;
  private static Parcels parcels;
  private static Browser browser;
  private static String courierId;
  private static final Map<String, byte[]> SECRETS = new HashMap<>();

  @BeforeAll
  static void start() {
    Browser.requireChromium();
    svc = TestService.start();
    parcels = new Parcels(svc);
    People.person(svc, "station", "Hub Desk", "HZH", "hub-desk");
    People.person(svc, "station", "Xihu Desk", "HZ-XH01", "xihu-desk");
    courierId = People.person(svc, "courier", "Xihu Rider", "HZ-XH01", "xihu-rider");
    browser = Browser.open(svc.url(""));
    browser.size(390, 844);
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

  private static String pickedUp(String reference) {
    String wb = parcels.create(reference);
    parcels.event(parcels.originDesk, wb, Map.of("type", "PICKED_UP"));
    return wb;
  }

  @Test
  void hubStaff_scanABag_andEveryStationScreen_fitsAPhone() {
    String a = pickedUp("BROWSER-A");
    String b = pickedUp("BROWSER-B");
    signIn("hub-desk");
    assertThat(browser.path()).isEqualTo("/console/station");
    fitsAndLabelled();
    browser.type("#bulk-waybills", a + "\n" + b);
    browser.type("#bulk-count", "2");
    new Select(browser.find("#bulk-type")).selectByValue("ARRIVED");
    browser.submit("#bulk-form button[type=submit]");
    assertThat(browser.find("p.notice").getText()).contains("2 of 2");
    assertThat(browser.find("#bulk-results").getText()).contains(a).contains(b);
    fitsAndLabelled();
    browser.fullShot("station-bulk-phone", 390);
    signOut();

    parcels.event(parcels.hubDesk, a, Map.of("type", "DEPARTED"));
    parcels.event(parcels.destDesk, a, Map.of("type", "ARRIVED"));
    parcels.event(parcels.destDesk, a, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId));
    signIn("xihu-desk");
    browser.go("/console/station/lists");
    assertThat(browser.source()).contains(b).contains(a).contains("Xihu Rider");
    fitsAndLabelled();
    browser.fullShot("station-lists-phone", 390);
    signOut();

    signIn("xihu-rider");
    browser.go("/console/courier/run");
    assertThat(browser.find("#stops").getText()).contains(a);
    fitsAndLabelled();
    signOut();
  }

  private static void fitsAndLabelled() {
    Long overflow = (Long) browser.js(
        "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");
    assertThat(overflow).as("horizontal overflow at 390 px on " + browser.path()).isZero();
    Long unlabelled = (Long) browser.js("return Array.from(document.querySelectorAll("
        + "'input:not([type=hidden]), textarea, select')).filter(e => !(e.labels && e.labels.length)).length");
    assertThat(unlabelled).as("fields without a label on " + browser.path()).isZero();
    Long unbounded = (Long) browser.js("return Array.from(document.querySelectorAll("
        + "'input[type=text], textarea')).filter(e => !e.getAttribute('maxlength')).length");
    assertThat(unbounded).as("text fields without maxlength on " + browser.path()).isZero();
  }

  private static void signIn(String login) {
    People.signIn(browser, svc, login, SECRETS, () -> { });
  }

  private static void signOut() {
    browser.driver.manage().deleteAllCookies();
    browser.size(390, 844);
  }
}
