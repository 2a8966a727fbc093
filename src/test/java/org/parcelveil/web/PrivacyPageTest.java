package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.subject.CapturingNotifier;
import org.parcelveil.tracking.Parcels;

/**
 * The recipients' privacy page through the real service, as a browser without JavaScript: signing in with the code
 * the phone received, the list, the export, erasure with its confirmation; strict cookies, no-store, CSRF; and an
 * unknown phone answered exactly as a known one, within the API's own limits.
 */
class PrivacyPageTest {
  private static final String PHONE = Fixtures.MARK_PHONE;

  static String code(String phone) throws InterruptedException {
    return CapturingNotifier.next("+86" + phone, Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError("no code"));
  }

  @Test
  void recipient_signsInWithTheCode_seesWhoSaw_exports_andErasesAfterConfirming() throws Exception {
    try (TestService svc = TestService.start()) {
      Parcels parcels = new Parcels(svc);
      String done = parcels.create("PP-1");
      parcels.toDestination(done, 1200);
      parcels.event(parcels.destDesk, done, Map.of("type", "OUT_FOR_DELIVERY", "courierId", parcels.courierId));
      assertThat(svc.post("/v1/shipments/" + done + "/reveal", parcels.courier,
          Map.of("party", "recipient", "purpose", "DELIVERY")).status()).isEqualTo(200);
      parcels.event(parcels.courier, done, Map.of("type", "DELIVERED", "codCollected", true));
      String onItsWay = parcels.create("PP-2");

      ConsoleClient c = new ConsoleClient(svc);
      ConsoleClient.Page start = c.get("/privacy");
      assertThat(start.status()).isEqualTo(200);
      assertThat(start.header("Cache-Control")).isEqualTo("no-store");
      assertThat(start.body()).contains("<label for=\"phone\"", "maxlength=\"32\"", "lang=\"en\"");
      assertThat(c.post("/privacy/code", Map.of("phone", PHONE)).status()).isEqualTo(200);
      ConsoleClient.Page signedIn = c.post("/privacy/session", Map.of("phone", PHONE, "code", code(PHONE)));
      assertThat(signedIn.path()).isEqualTo("/privacy/mine");
      String cookie = signedIn.raw().previousResponse().orElseThrow().headers().allValues("Set-Cookie").stream()
          .filter(v -> v.startsWith("pv_subject=")).findFirst().orElseThrow();
      assertThat(cookie).contains("Path=/privacy", "HttpOnly", "SameSite=Strict").doesNotContain("Secure");
      // Short-lived: the cookie ends with the 15-minute session.
      assertThat(Long.parseLong(cookie.replaceAll(".*Max-Age=(\\d+).*", "$1"))).isBetween(890L, 900L);
      assertThat(signedIn.header("Cache-Control")).isEqualTo("no-store");

      String mine = signedIn.body();
      assertThat(mine).contains(done, onItsWay, "*******4321", "Who saw my data", "Courier", "for delivery",
          "(UTC+08:00)");
      assertThat(mine).doesNotContain(Fixtures.MARK_NAME, Fixtures.MARK_STREET, Fixtures.MARK_DETAIL, PHONE);

      HttpResponse<byte[]> export = c.getBytes("/privacy/export");
      assertThat(export.statusCode()).isEqualTo(200);
      assertThat(export.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
      assertThat(export.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
      assertThat(new String(export.body(), StandardCharsets.UTF_8)).contains(Fixtures.MARK_NAME, done);

      // A form without the page's token is refused, and erases nothing.
      assertThat(c.postRaw("/privacy/erase/confirm", Map.of("waybill", done)).status()).isEqualTo(403);
      c.get("/privacy/mine");
      ConsoleClient.Page confirm = c.post("/privacy/erase", Map.of("waybill", done));
      assertThat(confirm.status()).isEqualTo(200);
      assertThat(confirm.body()).contains("What stays", "cannot be undone", "/privacy/erase/confirm");
      c.get("/privacy/mine");
      assertThat(c.get("/privacy/mine").body()).contains(done);
      c.post("/privacy/erase", Map.of("waybill", done));
      ConsoleClient.Page erased = c.post("/privacy/erase/confirm", Map.of("waybill", done));
      assertThat(erased.path()).isEqualTo("/privacy/mine");
      assertThat(erased.body()).contains("has been erased").doesNotContain(">" + done + "<");
      // Not a bare "4321": a timestamp's microseconds may hold those digits; the masked phone must be gone.
      assertThat(svc.get("/v1/shipments/" + done, parcels.merchant).body()).doesNotContain("*4321")
          .contains("\"recipient\":null");

      ConsoleClient.Page early = c.post("/privacy/erase/confirm", Map.of("waybill", onItsWay));
      assertThat(early.status()).isEqualTo(409);
      assertThat(early.body()).contains("still on its way");
      c.get("/privacy/mine");
      assertThat(c.post("/privacy/erase/confirm", Map.of("waybill", Fixtures.MARK_NAME)).body())
          .contains("not a waybill number").doesNotContain(Fixtures.MARK_NAME);

      c.get("/privacy/mine");
      ConsoleClient.Page out = c.post("/privacy/signout", Map.of());
      assertThat(out.path()).isEqualTo("/privacy");
      ConsoleClient.Page after = c.get("/privacy/mine");
      assertThat(after.path()).isEqualTo("/privacy");
      assertThat(after.body()).contains("session has ended").doesNotContain(onItsWay);
    }
  }

  @Test
  void unknownPhone_getsTheSamePageAsAKnownOne_andNoCode_withinTheApisLimits() throws Exception {
    try (TestService svc = TestService.start()) {
      Parcels parcels = new Parcels(svc);
      parcels.create("PP-3");
      String unknown = "13911110000";

      ConsoleClient known = new ConsoleClient(svc);
      known.get("/privacy");
      ConsoleClient.Page a = known.post("/privacy/code", Map.of("phone", PHONE));
      ConsoleClient.Page wrongA = known.post("/privacy/session", Map.of("phone", PHONE, "code", "000000"));
      ConsoleClient stranger = new ConsoleClient(svc);
      stranger.get("/privacy");
      ConsoleClient.Page b = stranger.post("/privacy/code", Map.of("phone", unknown));
      ConsoleClient.Page wrongB = stranger.post("/privacy/session", Map.of("phone", unknown, "code", "000000"));

      assertThat(b.status()).isEqualTo(a.status()).isEqualTo(200);
      assertThat(same(b.body(), unknown)).isEqualTo(same(a.body(), PHONE));
      assertThat(b.raw().headers().map().keySet()).isEqualTo(a.raw().headers().map().keySet());
      assertThat(wrongB.status()).isEqualTo(wrongA.status()).isEqualTo(401);
      assertThat(same(wrongB.body(), unknown)).isEqualTo(same(wrongA.body(), PHONE));
      assertThat(CapturingNotifier.next("+86" + unknown, Duration.ofSeconds(2))).isEmpty();
      assertThat(CapturingNotifier.next("+86" + PHONE, Duration.ofSeconds(10))).isPresent();

      // The per-phone limit is the API's, shared: two more through the API, and the page is refused.
      svc.post("/v1/subjects/challenge", null, Map.of("phone", unknown));
      svc.post("/v1/subjects/challenge", null, Map.of("phone", unknown));
      stranger.get("/privacy");
      ConsoleClient.Page limited = stranger.post("/privacy/code", Map.of("phone", unknown));
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isNotNull();
      assertThat(limited.body()).contains("Too many tries");

      stranger.get("/privacy");
      ConsoleClient.Page huge = stranger.post("/privacy/code", Map.of("phone", "1" + "9".repeat(100_000)));
      assertThat(huge.status()).isEqualTo(400);
      assertThat(huge.body()).doesNotContain("9999999999").hasSizeLessThan(20_000);
    }
  }

  /** Signing out ends the session itself: a copy of the cookie's token (another tab, a proxy's log) opens nothing. */
  @Test
  void signingOut_endsTheSession_notOnlyTheCookie() throws Exception {
    try (TestService svc = TestService.start()) {
      Parcels parcels = new Parcels(svc);
      String waybill = parcels.create("PP-4");
      ConsoleClient c = new ConsoleClient(svc);
      c.get("/privacy");
      assertThat(c.post("/privacy/code", Map.of("phone", PHONE)).status()).isEqualTo(200);
      ConsoleClient.Page signedIn = c.post("/privacy/session", Map.of("phone", PHONE, "code", code(PHONE)));
      assertThat(signedIn.path()).isEqualTo("/privacy/mine");
      String token = signedIn.raw().previousResponse().orElseThrow().headers().allValues("Set-Cookie").stream()
          .filter(v -> v.startsWith("pv_subject=")).findFirst().orElseThrow()
          .replaceAll("^pv_subject=([^;]*);.*$", "$1");
      TestService.Response before = svc.get("/v1/subjects/shipments", token);
      assertThat(before.status()).isEqualTo(200);
      assertThat(before.body()).contains(waybill);

      assertThat(c.post("/privacy/signout", Map.of()).path()).isEqualTo("/privacy");
      assertThat(svc.get("/v1/subjects/shipments", token).status()).isEqualTo(401);
    }
  }

  @Test
  void overTls_thePagesCookiesAreSecure_andKeptToThePrivacyPath() {
    try (TestService svc = TestService.start()) {
      TestService.Response page = svc.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
          svc.url("/privacy"))).header("X-Forwarded-Proto", "https").GET(), null);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Cache-Control")).isEqualTo("no-store");
      assertThat(page.raw().headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
          .startsWith("pv_subject_pre=").contains("Path=/privacy", "HttpOnly", "SameSite=Strict", "Secure"));
    }
  }

  /** The page with its per-visitor parts (the CSRF token and the phone the person typed) taken out. */
  private static String same(String body, String phone) {
    return body.replaceAll("name=\"csrf\" value=\"[^\"]+\"", "csrf").replace(phone, "PHONE");
  }
}
