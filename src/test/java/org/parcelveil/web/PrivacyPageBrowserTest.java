package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * The recipients' privacy page in headless Chromium on a 390 px phone, as a recipient uses it: from the tracking
 * page's link, sign in with the code the phone received, see the parcels and who saw them, download the export, and
 * erase a delivered parcel after the confirmation; in Chinese, every field labelled and bounded, nothing wider than
 * the screen.
 */
class PrivacyPageBrowserTest {
  private static TestService svc;
  private static Browser browser;

  @BeforeAll
  static void start() {
    Browser.requireChromium();
    svc = Parcels.serviceWithGenerousTracking();
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

  @Test
  void recipientOnAPhone_signsInWithTheTextedCode_exports_andErasesADeliveredParcel() throws Exception {
    Parcels parcels = new Parcels(svc);
    String wb = parcels.create("PRB-1");
    parcels.toDestination(wb, 1200);
    parcels.event(parcels.destDesk, wb, Map.of("type", "OUT_FOR_DELIVERY", "courierId", parcels.courierId));
    svc.post("/v1/shipments/" + wb + "/reveal", parcels.courier, Map.of("party", "recipient", "purpose", "DELIVERY"));
    parcels.event(parcels.courier, wb, Map.of("type", "DELIVERED", "codCollected", true));
    String pending = parcels.create("PRB-2");

    browser.size(390, 844);
    browser.go("/track");
    browser.find("a[href='/privacy']").click();
    assertThat(browser.path()).isEqualTo("/privacy");
    browser.find("a[href^='/privacy/lang/zh']").click();
    assertThat((String) browser.js("return document.documentElement.lang")).isEqualTo("zh-CN");
    formsAreLabelledAndBounded();
    fitsTheScreen();

    browser.type("#phone", Fixtures.MARK_PHONE);
    browser.submit("button[type=submit]");
    assertThat(browser.source()).contains("验证码");
    assertThat(browser.driver.getCurrentUrl()).doesNotContain(Fixtures.MARK_PHONE);
    formsAreLabelledAndBounded();
    browser.type("#code", PrivacyPageTest.code(Fixtures.MARK_PHONE));
    browser.submit("button[type=submit]");
    assertThat(browser.path()).isEqualTo("/privacy/mine");
    String mine = browser.source();
    assertThat(mine).contains(wb, pending, "*******4321", "谁查看过我的信息", "快递员", "为派送", "(UTC+08:00)");
    for (String marker : Fixtures.MARKERS) {
      assertThat(mine).as(marker).doesNotContain(marker);
    }
    fitsTheScreen();
    browser.fullShot("privacy-mine", 390);

    // The export, fetched as the download link would: the person's own data in plain form.
    String export = (String) browser.js("var x = new XMLHttpRequest(); x.open('GET', "
        + "document.querySelector('a[href=\"/privacy/export\"]').href, false); x.send(); return x.responseText;");
    assertThat(export).contains(Fixtures.MARK_NAME, wb);

    browser.submit("form[action='/privacy/erase'] button");
    assertThat(browser.source()).contains("无法恢复", "保留的内容", wb);
    fitsTheScreen();
    browser.submit("form[action='/privacy/erase/confirm'] button");
    assertThat(browser.path()).isEqualTo("/privacy/mine");
    assertThat(browser.source()).contains("已删除", pending);
    assertThat(browser.all("form[action='/privacy/erase']")).isEmpty();

    browser.submit("form[action='/privacy/signout'] button");
    assertThat(browser.path()).isEqualTo("/privacy");
    browser.go("/privacy/mine");
    assertThat(browser.path()).isEqualTo("/privacy");
    assertThat(browser.source()).doesNotContain(pending);
  }

  private static void formsAreLabelledAndBounded() {
    List<WebElement> inputs = browser.all("input:not([type=hidden])");
    assertThat(inputs).isNotEmpty();
    for (WebElement input : inputs) {
      assertThat(input.getAttribute("maxlength")).as(input.getAttribute("name")).isNotNull();
      assertThat(browser.all("label[for='" + input.getAttribute("id") + "']")).as(input.getAttribute("name"))
          .hasSize(1);
    }
  }

  private static void fitsTheScreen() {
    Long overflow = (Long) browser.js(
        "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");
    assertThat(overflow).as("horizontal overflow on a phone, px").isZero();
  }
}
