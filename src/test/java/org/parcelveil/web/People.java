package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parcelveil.app.TestService;
import org.parcelveil.web.session.Totp;

/** Test people: principals with console passwords set through the real one-time link, and their sign-in. */
final class People {
  static final String PASSWORD = "a long test passphrase";
  private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");

  private People() {}

  /** A one-time set-up link path for the principal, made through the admin API. */
  static String setupPath(TestService svc, String principalId) {
    TestService.Response r = svc.post("/v1/console/setup-links", svc.adminToken, Map.of("principalId", principalId));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return URI.create(r.json().get("url").asText()).getPath();
  }

  /** Creates a principal and sets its console password; returns its id. */
  static String person(TestService svc, String role, String name, String station, String login) {
    return personWithToken(svc, role, name, station, login).principal().id();
  }

  /** As {@link #person}, keeping the principal's API token too. */
  static org.parcelveil.access.Principals.Created personWithToken(TestService svc, String role, String name,
      String station, String login) {
    var created = svc.principal(role, name, station);
    String id = created.principal().id();
    ConsoleClient c = new ConsoleClient(svc);
    String path = setupPath(svc, id);
    c.get(path);
    ConsoleClient.Page done = c.post(path, Map.of("login", login, "password", PASSWORD, "repeat", PASSWORD));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    return created;
  }

  /** The admin made at start, with a console password; their TOTP is enrolled at first sign-in. */
  static String admin(TestService svc, String login) {
    String id = svc.pv.principals().authenticate(svc.adminToken).orElseThrow().id();
    ConsoleClient c = new ConsoleClient(svc);
    String path = setupPath(svc, id);
    c.get(path);
    c.post(path, Map.of("login", login, "password", PASSWORD, "repeat", PASSWORD));
    return id;
  }

  /** Signs in with the password; if a second factor is asked, enrols or answers it from {@code secrets}. */
  static ConsoleClient.Page signIn(ConsoleClient c, TestService svc, String login, Map<String, byte[]> secrets) {
    c.get("/console/signin");
    ConsoleClient.Page p = c.post("/console/signin", Map.of("login", login, "password", PASSWORD));
    if (!p.path().equals("/console/2fa")) {
      return p;
    }
    Matcher m = SECRET.matcher(p.body());
    if (m.find()) {
      secrets.put(login, base32(m.group(1)));
    }
    // Each code works once: move to the next 30-second step so a second sign-in does not reuse one.
    svc.clock.advance(Duration.ofSeconds(31));
    return c.post("/console/2fa", Map.of("code", Totp.code(secrets.get(login), svc.clock.instant())));
  }

  /**
   * Signs in through the browser's form; if a second factor is asked, enrols (keeping the secret in {@code secrets})
   * or answers it. {@code onEnrol} runs on the enrolment page, before the code is typed (a screenshot of it).
   */
  static void signIn(Browser b, TestService svc, String login, Map<String, byte[]> secrets, Runnable onEnrol) {
    b.go("/console/signin");
    b.type("#login", login);
    b.type("#password", PASSWORD);
    b.submit("form[action='/console/signin'] button[type=submit]");
    if (b.path().equals("/console/2fa")) {
      if (!b.all("#totp-secret").isEmpty()) {
        secrets.put(login, base32(b.find("#totp-secret").getText()));
        onEnrol.run();
      }
      svc.clock.advance(Duration.ofSeconds(31));
      b.type("#code", Totp.code(secrets.get(login), svc.clock.instant()));
      b.submit("form[action='/console/2fa'] button[type=submit]");
    }
  }

  static byte[] base32(String s) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    byte[] out = new byte[s.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (char ch : s.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(ch);
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
