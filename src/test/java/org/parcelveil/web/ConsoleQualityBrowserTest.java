package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.demo.DemoData;
import org.parcelveil.http.Json;

/**
 * Console quality in headless Chromium with the demo's people: every page of every role has no axe-core violation
 * (WCAG 2.x A and AA rules) and no horizontal scrolling on a 390 px phone or a 1280 px desktop, in English and in
 * Chinese; a form sent after the session ended comes back filled after sign-in; Revoke asks before it acts.
 */
class ConsoleQualityBrowserTest {
  private static final List<String> ROLES = List.of("merchant-1", "station-HZ-XH01", "courier-HZ-XH01-1", "support",
      "security", "admin");
  private static TestService demo;
  private static Browser browser;
  private static JsonNode people;

  @BeforeAll
  static void start() throws IOException {
    Browser.requireChromium();
    demo = TestService.start();
    Path file = new DemoData(demo.pv).seedOnce(demo.dataDir);
    people = Json.mapper().readTree(file.toFile());
    browser = Browser.open(demo.url(""));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void everyPageOfEveryRole_hasNoAxeViolation_andNoHorizontalOverflow() {
    List<String> problems = new ArrayList<>();
    check("/console/signin", problems);
    for (String role : ROLES) {
      browser.driver.manage().deleteAllCookies();
      browser.size(1280, 900);
      signIn(people.get(role));
      for (String page : pagesOf(role)) {
        check(page, problems);
      }
    }
    assertThat(problems).as("axe-core violations and overflow").isEmpty();
  }

  @Test
  void aFormSentAfterTheSessionEnded_comesBackFilled_afterSignIn_andTheCopyIsThenGone() {
    sendNewShipmentAfterTheSessionEnded("DRAFT-1", "Draftmark 张三", "700");
    signIn(people.get("merchant-1"));
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .until(d -> browser.path().equals("/console/merchant/new") && !browser.all("#draft-restored").isEmpty()
            && browser.find("#draft-restored").isDisplayed());
    assertThat(browser.find("#reference").getAttribute("value")).isEqualTo("DRAFT-1");
    assertThat(browser.find("#recipient_name").getAttribute("value")).isEqualTo("Draftmark 张三");
    assertThat(browser.find("#weight_grams").getAttribute("value")).isEqualTo("700");
    assertThat(browser.js("return sessionStorage.getItem('pv-draft')")).as("the copy is used once").isNull();
    assertThat(browser.source()).as("filled in the browser, never sent back by the server")
        .doesNotContain("value=\"Draftmark");
  }

  /**
   * A shared desk: the session of the person who typed ends, and someone else signs in at the same tab. What the
   * first person typed (a recipient's name and address) is not filled into the second person's form, and the copy
   * is gone.
   */
  @Test
  void aFormKeptOverAnEndedSession_isNotFilledIn_forAnotherPersonSigningIn() {
    sendNewShipmentAfterTheSessionEnded("DRAFT-2", "Draftmark 李四", "900");
    signIn(people.get("merchant-2"));
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .until(d -> browser.js("return sessionStorage.getItem('pv-draft')") == null);
    assertThat(browser.path()).as("not taken to the other person's form").isNotEqualTo("/console/merchant/new");
    browser.go("/console/merchant/new");
    assertThat(browser.find("#recipient_name").getAttribute("value")).isEmpty();
    assertThat(browser.find("#reference").getAttribute("value")).isEmpty();
    assertThat(browser.js("return sessionStorage.getItem('pv-draft')")).isNull();
  }

  @Test
  void aSuccessfulPost_leavesNoCopy_andSignOutClearsStorage() {
    browser.driver.manage().deleteAllCookies();
    browser.size(1280, 900);
    signIn(people.get("merchant-1"));
    browser.go("/console/merchant/new");
    browser.type("#reference", "x".repeat(3)); // refused by the server, but the server had it: no copy kept
    browser.js("document.querySelector(\"form[data-draft]\").noValidate = true");
    browser.submit("form[action='/console/merchant/new'] button[type=submit]");
    assertThat(browser.js("return sessionStorage.getItem('pv-draft')")).isNull();
    browser.js("sessionStorage.setItem('pv-draft', '{}')");
    browser.submit("header form[action='/console/signout'] button");
    assertThat(browser.js("return sessionStorage.getItem('pv-draft')")).as("Clear-Site-Data").isNull();
  }

  /** Merchant 1 half-fills a new shipment and sends it after the session ended: the answer is the sign-in page. */
  private static void sendNewShipmentAfterTheSessionEnded(String reference, String recipientName, String grams) {
    browser.driver.manage().deleteAllCookies();
    browser.size(1280, 900);
    signIn(people.get("merchant-1"));
    browser.go("/console/merchant/new");
    browser.type("#reference", reference);
    browser.type("#recipient_name", recipientName);
    browser.type("#recipient_detail", "2栋1204室");
    browser.type("#weight_grams", grams);
    browser.js("document.querySelector(\"form[data-draft]\").noValidate = true"); // half-filled, as left
    // The session ends while the merchant types (idle time-out, or ended elsewhere).
    browser.driver.manage().deleteCookieNamed(Gate.SESSION_COOKIE);
    browser.submit("form[action='/console/merchant/new'] button[type=submit]");
    assertThat(browser.path()).isEqualTo("/console/signin");
  }

  /** The role's pages: its navigation, and the pages one link away that the navigation does not list. */
  private static Set<String> pagesOf(String role) {
    Set<String> pages = new LinkedHashSet<>();
    pages.add(browser.path());
    browser.all("nav a[href^='/console']").forEach(a -> pages.add(java.net.URI.create(a.getAttribute("href")).getPath()));
    if (role.startsWith("merchant")) {
      browser.go("/console/merchant");
      browser.all("a[href^='/console/merchant/shipments/']").stream().findFirst()
          .ifPresent(a -> pages.add(java.net.URI.create(a.getAttribute("href")).getPath()));
    }
    return pages;
  }

  private static void check(String path, List<String> problems) {
    for (String lang : List.of("en", "zh")) {
      browser.size(1280, 900);
      browser.go("/console/lang/" + lang + "?back=" + path);
      assertThat(browser.path()).as(path).isEqualTo(path);
      Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
          .analyze(browser.driver);
      for (Rule r : results.getViolations()) {
        problems.add(path + " (" + lang + "): " + r.getId() + " on " + r.getNodes().size() + " node(s): "
            + r.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList());
      }
      for (int width : new int[] {390, 1280}) {
        browser.size(width, 900);
        long overflow = (Long) browser.js("var d = document.documentElement;"
            + " return Math.max(d.scrollWidth, document.body.scrollWidth) - d.clientWidth;");
        if (overflow > 0) {
          Object widest = browser.js("var w = document.documentElement.clientWidth; return Array.prototype.filter"
              + ".call(document.querySelectorAll('main *'), function (e) { return e.getBoundingClientRect().right > w; })"
              + ".slice(-3).map(function (e) { return e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className; });");
          problems.add(path + " (" + lang + "): " + overflow + " px wider than the window at " + width + " px: "
              + widest);
        }
      }
    }
    browser.size(1280, 900);
  }

  private static void signIn(JsonNode person) {
    ConsoleBrowserTest.demoSignIn(browser, demo, person);
  }

}
