package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/** Sign-in, sessions, CSRF and lock-out through real HTTP, without a browser. */
class ConsoleSecurityTest {
  private static TestService svc;
  private static final Map<String, byte[]> SECRETS = new HashMap<>();

  @BeforeAll
  static void start() {
    svc = TestService.start();
    Fixtures.network(svc);
    People.person(svc, "merchant", "Shop One", null, "shop1");
    People.admin(svc, "root");
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void merchantSignsIn_andLandsOnTheirShipments() {
    ConsoleClient c = new ConsoleClient(svc);
    ConsoleClient.Page p = People.signIn(c, svc, "shop1", SECRETS);
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.path()).isEqualTo("/console/merchant");
    assertThat(p.header("Cache-Control")).isEqualTo("no-store");
    assertThat(p.header("Content-Security-Policy")).contains("default-src 'none'");
  }

  @Test
  void signOut_tellsTheBrowserToDropWhatItKeptOfTheSession() {
    ConsoleClient c = new ConsoleClient(svc);
    People.signIn(c, svc, "shop1", SECRETS);
    ConsoleClient.Page out = c.post("/console/signout", Map.of());
    var signOut = out.raw().previousResponse().orElseThrow();
    assertThat(signOut.statusCode()).isEqualTo(303);
    // Back after sign-out must not show the shipments list from the browser's cache.
    assertThat(signOut.headers().firstValue("Clear-Site-Data").orElse(""))
        .contains("\"cache\"", "\"cookies\"", "\"storage\"");
    assertThat(out.path()).isEqualTo("/console/signin");
  }

  @Test
  void sessionCookie_isHttpOnlyStrict_andStoredOnlyHashed() throws Exception {
    ConsoleClient c = new ConsoleClient(svc);
    c.get("/console/signin");
    ConsoleClient.Page p = c.post("/console/signin", Map.of("login", "shop1", "password", People.PASSWORD));
    List<String> setCookies = new java.util.ArrayList<>();
    for (var r = java.util.Optional.of(p.raw()); r.isPresent(); r = r.get().previousResponse()) {
      setCookies.addAll(r.get().headers().allValues("Set-Cookie"));
    }
    String session = setCookies.stream().filter(s -> s.startsWith("pv_session=")).findFirst().orElseThrow();
    assertThat(session).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console");
    String id = HttpCookie.parse(session).get(0).getValue();
    assertThat(id).hasSize(43);
    try (var conn = svc.pv.database().dataSource().getConnection();
        var rs = conn.createStatement().executeQuery("SELECT id_hash FROM web_sessions")) {
      while (rs.next()) {
        assertThat(rs.getString(1)).isNotEqualTo(id).hasSize(64);
      }
    }
  }

  @Test
  void postWithoutCsrfToken_isRefused() {
    ConsoleClient c = new ConsoleClient(svc);
    People.signIn(c, svc, "shop1", SECRETS);
    ConsoleClient.Page p = c.postRaw("/console/merchant/new", Map.of("reference", "NO-CSRF"));
    assertThat(p.status()).isEqualTo(403);
    ConsoleClient.Page forged = c.postRaw("/console/merchant/new", Map.of("reference", "X", "csrf", "forged"));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(svc.pv.shipments().ofMerchant("x", 1)).isEmpty();
  }

  @Test
  void signInFormWithoutCsrf_isRefused() {
    ConsoleClient c = new ConsoleClient(svc);
    assertThat(c.postRaw("/console/signin", Map.of("login", "shop1", "password", People.PASSWORD)).status())
        .isEqualTo(403);
  }

  @Test
  void wrongPasswords_lockTheAccount_withBackOff() {
    String id = svc.principal("support", "Locky", null).principal().id();
    ConsoleClient c = new ConsoleClient(svc);
    String path = People.setupPath(svc, id);
    c.get(path);
    c.post(path, Map.of("login", "locky", "password", People.PASSWORD, "repeat", People.PASSWORD));
    c.get("/console/signin");
    for (int i = 0; i < 4; i++) {
      assertThat(c.post("/console/signin", Map.of("login", "locky", "password", "wrong password " + i)).status())
          .isEqualTo(401);
    }
    assertThat(c.post("/console/signin", Map.of("login", "locky", "password", "wrong again")).status()).isEqualTo(429);
    // Even the right password is not checked while locked.
    ConsoleClient.Page locked = c.post("/console/signin", Map.of("login", "locky", "password", People.PASSWORD));
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.header("Retry-After")).isNotNull();
    svc.clock.advance(Duration.ofSeconds(31));
    assertThat(c.post("/console/signin", Map.of("login", "locky", "password", People.PASSWORD)).path())
        .isEqualTo("/console/support");
  }

  @Test
  void unknownLogin_andWrongPassword_lookTheSame() {
    ConsoleClient c = new ConsoleClient(svc);
    c.get("/console/signin");
    ConsoleClient.Page unknown = c.post("/console/signin", Map.of("login", "nobody", "password", "whatever it is"));
    ConsoleClient.Page wrong = c.post("/console/signin", Map.of("login", "shop1", "password", "whatever it is"));
    assertThat(unknown.status()).isEqualTo(wrong.status()).isEqualTo(401);
    assertThat(unknown.body()).contains("Wrong sign-in name or password.");
    assertThat(wrong.body()).contains("Wrong sign-in name or password.");
  }

  @Test
  void revokingAPrincipal_endsTheirSessionsAtOnce() {
    String id = People.person(svc, "courier", "Leaving Courier", "HZ-XH01", "leaver");
    ConsoleClient c = new ConsoleClient(svc);
    assertThat(People.signIn(c, svc, "leaver", SECRETS).path()).isEqualTo("/console/courier");
    svc.pv.principals().revoke(null, id);
    ConsoleClient.Page after = c.get("/console/courier");
    assertThat(after.path()).isEqualTo("/console/signin");
    c.get("/console/signin");
    assertThat(c.post("/console/signin", Map.of("login", "leaver", "password", People.PASSWORD)).status()).isEqualTo(401);
  }

  @Test
  void admin_mustPassTotp_andACodeWorksOnce() {
    ConsoleClient c = new ConsoleClient(svc);
    ConsoleClient.Page p = People.signIn(c, svc, "root", SECRETS);
    assertThat(p.path()).isEqualTo("/console/admin");
    // A half-signed-in session (password only) cannot reach admin screens.
    ConsoleClient half = new ConsoleClient(svc);
    half.get("/console/signin");
    assertThat(half.post("/console/signin", Map.of("login", "root", "password", People.PASSWORD)).path())
        .isEqualTo("/console/2fa");
    assertThat(half.get("/console/admin").path()).isEqualTo("/console/2fa");
    // One code, used twice. (Computing the replayed code again from the clock, which follows real time, failed
    // whenever a 30-second step ended between the two uses: it was then a new, valid code.)
    ConsoleClient other = new ConsoleClient(svc);
    other.get("/console/signin");
    other.post("/console/signin", Map.of("login", "root", "password", People.PASSWORD));
    svc.clock.advance(java.time.Duration.ofSeconds(31));
    String code = org.parcelveil.web.session.Totp.code(SECRETS.get("root"), svc.clock.instant());
    half.get("/console/2fa");
    assertThat(half.post("/console/2fa", Map.of("code", code)).path()).isEqualTo("/console/admin");
    other.get("/console/2fa");
    assertThat(other.post("/console/2fa", Map.of("code", code)).status()).isEqualTo(401);
  }

  @Test
  void setupLink_worksOnce() {
    String id = svc.principal("station", "Once Staff", "HZ-XH01").principal().id();
    ConsoleClient c = new ConsoleClient(svc);
    String path = People.setupPath(svc, id);
    c.get(path);
    assertThat(c.post(path, Map.of("login", "once", "password", People.PASSWORD, "repeat", People.PASSWORD))
        .body()).contains("Your password is set");
    ConsoleClient.Page again = c.get(path);
    assertThat(again.body()).contains("This link is not valid");
  }

  @Test
  void machines_getNoSetupLink() {
    String id = svc.principal("platform", "Marketplace", null).principal().id();
    assertThat(svc.post("/v1/console/setup-links", svc.adminToken, Map.of("principalId", id)).status()).isEqualTo(404);
  }

  @Test
  void setupLinkApi_withoutBody_isForTheCallingAdmin_andNeedsTheAdminRole() {
    TestService.Response mine = svc.post("/v1/console/setup-links", svc.adminToken, "");
    assertThat(mine.status()).isEqualTo(201);
    assertThat(mine.json().get("principalId").asText())
        .isEqualTo(svc.pv.principals().authenticate(svc.adminToken).orElseThrow().id());
    assertThat(mine.header("Cache-Control")).isEqualTo("no-store");
    String support = svc.principal("support", "Not Admin", null).token();
    assertThat(svc.post("/v1/console/setup-links", support, "").status()).isEqualTo(403);
    assertThat(svc.post("/v1/console/setup-links", null, "").status()).isEqualTo(401);
  }
}
