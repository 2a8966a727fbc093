package org.parcelveil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.http.HttpServer;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.store.TestDatabases;

/** {@code /metrics} names routes, counts and timings: only an admin or the scraper's own token reads it. */
class MetricsAccessTest {
  private static final String SCRAPER = "scraper-" + "s".repeat(40);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static ParcelVeil pv;
  static HttpServer server;
  static String admin;
  static String merchant;

  @BeforeAll
  static void start() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Settings s = Settings.defaults(Files.createTempDirectory("pv-metrics-"))
        .withHttp(new HttpSettings("127.0.0.1", 0, 1024 * 1024)).withDatabase(TestDatabases.freshPostgres());
    pv = ParcelVeil.open(s, Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(key),
        MetricsAccess.TOKEN_ENV, SCRAPER));
    server = pv.serve();
    admin = pv.principals().create(null, "admin", "Admin", null).token();
    merchant = pv.principals().create(null, "merchant", "Shop", null).token();
  }

  @AfterAll
  static void stop() {
    server.close();
    pv.close();
  }

  @Test
  void withoutAToken_is401() throws Exception {
    HttpResponse<String> r = metrics(null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(r.body()).doesNotContain("http_server_requests");
  }

  @Test
  void withAWrongOrAnotherRolesToken_isRefused() throws Exception {
    assertThat(metrics("Bearer " + SCRAPER + "x").statusCode()).isEqualTo(401);
    assertThat(metrics("Bearer nope").statusCode()).isEqualTo(401);
    assertThat(metrics("Basic " + SCRAPER).statusCode()).isEqualTo(401);
    HttpResponse<String> r = metrics("Bearer " + merchant);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("http_server_requests");
  }

  @Test
  void withTheScraperOrAnAdminToken_isServed() throws Exception {
    health();
    for (String token : new String[] {SCRAPER, admin}) {
      HttpResponse<String> r = metrics("Bearer " + token);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("http_server_requests");
    }
  }

  @Test
  void healthAndOpenApi_stayOpen() throws Exception {
    assertThat(health().statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> health() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> metrics(String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
