package org.parcelveil.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * JSON endpoints read one meaning from a body: a key given twice is refused (parsers that keep the first and parsers
 * that keep the last would disagree), and so is a body that does not say it is JSON.
 */
class JsonStrictnessTest {
  static TestService svc;
  static String merchant;

  @BeforeAll
  static void start() {
    svc = TestService.start("postgres");
    Fixtures.network(svc);
    merchant = svc.principal("merchant", "Shop", null).token();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void duplicateKey_atTopLevel_is400() throws Exception {
    String body = Json.mapper().writeValueAsString(Fixtures.shipment("D-1"));
    String twice = body.replaceFirst("\\{", "{\"reference\":\"D-0\",");

    TestService.Response r = svc.post("/v1/shipments", merchant, twice);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void duplicateKey_nested_andInABatch_is400() throws Exception {
    String body = Json.mapper().writeValueAsString(Fixtures.shipment("D-2"));
    String twice = body.replace("\"recipient\":{", "\"recipient\":{\"name\":\"李四\",");
    assertThat(twice).isNotEqualTo(body);

    assertThat(svc.post("/v1/shipments", merchant, twice).status()).isEqualTo(400);
    assertThat(svc.post("/v1/shipments/batch", merchant, "{\"shipments\":[" + twice + "]}").status()).isEqualTo(400);
    assertThat(svc.post("/v1/stations", svc.adminToken, "{\"code\":\"X1\",\"code\":\"X2\",\"name\":\"x\","
        + "\"kind\":\"HUB\",\"area\":{\"province\":\"a\",\"city\":\"b\",\"district\":\"c\"}}").status()).isEqualTo(400);
  }

  @Test
  void bodyThatIsNotDeclaredJson_is415_andCreatesNothing() throws Exception {
    String body = Json.mapper().writeValueAsString(Fixtures.shipment("C-1"));
    int before = svc.pv.shipments().ofMerchant(merchantId(), 100).size();
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/xml", "")) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(svc.url("/v1/shipments")))
          .POST(HttpRequest.BodyPublishers.ofString(body));
      if (!type.isEmpty()) {
        b.header("Content-Type", type);
      }
      TestService.Response r = svc.send(b, merchant);
      assertThat(r.status()).as(type + " " + r.body()).isEqualTo(415);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(svc.pv.shipments().ofMerchant(merchantId(), 100)).hasSize(before);
  }

  @Test
  void jsonWithCharset_andBodilessPosts_areAccepted() throws Exception {
    String body = Json.mapper().writeValueAsString(Fixtures.shipment("C-2"));
    TestService.Response r = svc.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/shipments")))
        .header("Content-Type", "application/json; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body)),
        merchant);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    TestService.Response link = svc.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/console/setup-links")))
        .POST(HttpRequest.BodyPublishers.noBody()), svc.adminToken);
    assertThat(link.status()).as(link.body()).isEqualTo(201);
    assertThat(svc.post("/v1/shipments", merchant, Map.of()).status()).isEqualTo(400);
  }

  private static String merchantId() {
    return svc.pv.principals().authenticate(merchant).orElseThrow().id();
  }
}
