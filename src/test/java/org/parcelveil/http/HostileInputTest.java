package org.parcelveil.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.SubjectLogin;
import org.parcelveil.app.TestService;
import org.parcelveil.http.HostileCorpus.Endpoint;

/**
 * Drives a corpus of malformed, oversized, wrongly typed and hostile bodies through every endpoint that takes
 * input: every answer is a 4xx problem or a success, never a 5xx, and nothing is half-written.
 */
class HostileInputTest {
  static TestService svc;
  static Map<String, String> tokens;
  static String waybill;

  @BeforeAll
  static void start() {
    svc = TestService.start();
    Fixtures.network(svc);
    String merchant = svc.principal("merchant", "Shop", null).token();
    waybill = svc.post("/v1/shipments", merchant, Fixtures.shipment("HOSTILE")).json().get("waybill").asText();
    tokens = Map.of("admin", svc.adminToken, "merchant", merchant,
        "station", svc.principal("station", "Desk", "HZ-XH01").token(),
        "courier", svc.principal("courier", "Courier", "HZ-XH01").token(),
        "security", svc.principal("security", "Security", null).token(),
        "platform", svc.principal("platform", "Market", null).token(),
        "subject", SubjectLogin.token(svc, Fixtures.MARK_PHONE));
    waybill = svc.post("/v1/shipments", merchant, Fixtures.shipment("HOSTILE")).json().get("waybill").asText();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void hostileBodies_getA4xxProblem_neverA5xx_andWriteNothingHalfway() throws Exception {
    long before = svc.pv.shipments().ofMerchant("none", 1).size();
    long shipmentsBefore = count("shipments");
    long stationsBefore = count("stations");
    int created = 0;
    List<String> failures = new ArrayList<>();
    for (Endpoint e : HostileCorpus.endpoints()) {
      for (byte[] body : HostileCorpus.bodies(e)) {
        TestService.Response r = svc.send(HttpRequest.newBuilder(URI.create(svc.url(e.path().replace("{waybill}", waybill))))
            .header("Content-Type", "application/json")
            .method(e.method(), HttpRequest.BodyPublishers.ofByteArray(body)), tokens.get(e.role()));
        if (r.status() >= 500) {
          failures.add(e + " <- " + HostileCorpus.describe(body) + " -> " + r.status() + " " + r.body());
        } else if (r.status() >= 400) {
          if (!"application/problem+json".equals(r.header("Content-Type"))) {
            failures.add(e + " <- " + HostileCorpus.describe(body) + " -> not a problem: " + r.header("Content-Type"));
          }
        } else if (e.path().startsWith("/v1/shipments") && r.status() == 201) {
          created++;
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(count("shipments")).isEqualTo(shipmentsBefore + created);
    assertThat(count("stations")).isLessThanOrEqualTo(stationsBefore + 1);
    assertThat(svc.get("/health", null).status()).isEqualTo(200);
    assertThat(before).isZero();
  }

  @Test
  void hostilePathsAndHeaders_get4xx() {
    for (String path : HostileCorpus.paths()) {
      TestService.Response r = svc.get(path, tokens.get("merchant"));
      assertThat(r.status()).as(path).isBetween(400, 499);
    }
    for (String auth : List.of("Bearer", "Bearer ", "Basic abc", "Bearer pv_' OR 1=1 --", "Bearer " + "x".repeat(5000),
        "Bearer pv_\u0000")) {
      TestService.Response r = svc.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/stations")))
          .header("Authorization", auth.replace("\u0000", "")).GET(), null);
      assertThat(r.status()).as(auth).isEqualTo(401);
    }
    TestService.Response r = svc.post("/v1/shipments", tokens.get("merchant"), Fixtures.shipment("K"),
        Map.of("Idempotency-Key", "x".repeat(500)));
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void oversizedBody_is413() {
    byte[] big = ("{\"reference\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    TestService.Response r = svc.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/shipments")))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)),
        tokens.get("merchant"));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
  }

  static long count(String table) throws Exception {
    try (var c = svc.pv.database().connection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
