package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * The public pages as a recipient meets them, in headless Chromium on a phone-sized window: the tracking form, a
 * tracked parcel with and without the phone digits, the page a label's QR code opens, and a made-up number. Nothing
 * is loaded from another origin and nothing personal reaches the page beyond the masked recipient.
 */
class PublicPagesBrowserTest {
  private static TestService svc;
  private static Browser browser;
  private static Parcels parcels;

  @BeforeAll
  static void start() {
    Browser.requireChromium();
    svc = Parcels.serviceWithGenerousTracking();
    parcels = new Parcels(svc);
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
  void reset() {
    browser.driver.manage().deleteAllCookies();
  }

  @Test
  void recipientTracksAParcel_onAPhone_thenProvesTheDigits_andSeesOnlyTheMaskedRecipientAndCod() {
    String wb = parcels.create("PB-1");
    parcels.toDestination(wb, 1200);
    browser.size(390, 844);
    browser.go("/");
    assertThat(browser.path()).isEqualTo("/track");
    assertThat(browser.source()).contains("查询包裹", "Track a parcel");
    fitsTheScreen();
    browser.shot("track-form");

    browser.type("input[name=waybill]", wb);
    browser.submit("button[type=submit]");
    assertThat(browser.source()).contains(wb, "杭州市").doesNotContain("Z**", "128.50");
    browser.type("input[name=phoneLast4]", "4321");
    browser.submit("button[type=submit]");
    String page = browser.source();
    assertThat(page).contains("真实运单号", "genuine waybill number", "*******4321", "代收货款 ¥128.50",
        "Cash on delivery ¥128.50");
    nothingPersonal(page);
    fitsTheScreen();
    browser.fullShot("track-result", 390);
  }

  @Test
  void labelQr_opensTheGenuineParcelPage_andAMadeUpNumberSaysNotOurs() {
    String wb = parcels.create("PB-2");
    String token = svc.pv.shipmentLabels().tokens().issue(wb);
    browser.size(390, 844);
    browser.go("/c/" + token);
    String page = browser.source();
    assertThat(page).contains("正品包裹", "Genuine parcel", wb, "*******4321", "¥128.50");
    nothingPersonal(page);
    fitsTheScreen();
    browser.fullShot("authenticity", 390);

    browser.go("/track");
    browser.type("input[name=waybill]", "PV12345678901234X");
    browser.submit("button[type=submit]");
    assertThat(browser.source()).contains("Not a parcel of").doesNotContain(wb);
  }

  @Test
  void keyboardAlone_reachesTheFormAndSubmitsIt() {
    String wb = parcels.create("PB-3");
    browser.size(1280, 900);
    browser.go("/track");
    browser.typeAndEnter("input[name=waybill]", wb);
    assertThat(browser.source()).contains(wb, "name=\"phoneLast4\"");
    assertThat((Boolean) browser.js("var i = document.querySelector('input[name=phoneLast4]');"
        + " return !!(i.labels && i.labels.length) || !!i.getAttribute('aria-label');")).isTrue();
  }

  private static void fitsTheScreen() {
    Long overflow = (Long) browser.js(
        "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");
    assertThat(overflow).as("horizontal overflow on a phone, px").isZero();
  }

  private static void nothingPersonal(String page) {
    for (String marker : Fixtures.MARKERS) {
      assertThat(page).as(marker).doesNotContain(marker);
    }
  }
}
