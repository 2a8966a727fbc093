package org.parcelveil.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * What the contract promises for requests the API cannot take: 415 for a body that is not JSON on every JSON
 * endpoint, 405 with Allow for a known path asked with another method, and every field that does not bind in one
 * problem.
 */
class ProtocolErrorsTest {
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
  void textPlainBody_is415_onJsonEndpoints() {
    for (String path : List.of("/v1/shipments", "/v1/shipments/batch", "/v1/labels", "/v1/stations",
        "/v1/subjects/challenge")) {
      TestService.Response r = svc.send(HttpRequest.newBuilder(URI.create(svc.url(path)))
          .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")), merchant);
      assertThat(r.status()).as(path + " " + r.body()).isEqualTo(415);
      assertThat(r.json().get("type").asText()).endsWith("unsupported-media-type");
    }
  }

  @Test
  void knownPath_wrongMethod_is405_withAllow() {
    String waybill = svc.post("/v1/shipments", merchant, Fixtures.shipment("M-1")).json().get("waybill").asText();

    TestService.Response r = svc.delete("/v1/shipments/" + waybill, merchant);

    assertThat(r.status()).as(r.body()).isEqualTo(405);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.header("Allow")).contains("GET").doesNotContain("DELETE");
    assertThat(svc.get("/v1/shipments/" + waybill, merchant).status()).isEqualTo(200);
    TestService.Response label = svc.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/labels"))), merchant);
    assertThat(label.status()).isEqualTo(405);
    assertThat(label.header("Allow")).isEqualTo("POST");
  }

  @Test
  void unknownPath_isStill404() {
    assertThat(svc.get("/v1/no-such-thing", merchant).status()).isEqualTo(404);
    assertThat(svc.delete("/v1/no-such-thing", merchant).status()).isEqualTo(404);
  }

  @Test
  void everyFieldThatDoesNotBind_isInOneProblem() {
    Map<String, Object> body = new LinkedHashMap<>(Fixtures.shipment("M-2"));
    body.put("colour", "red");
    body.put("parcel", Map.of("weightGrams", "heavy", "lengthCm", 30));
    body.put("cod", Map.of("amountCents", List.of(1), "currency", "CNY"));

    TestService.Response r = svc.post("/v1/shipments", merchant, body);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(fields(r.json())).containsExactlyInAnyOrder("colour", "parcel.weightGrams", "cod.amountCents");
    assertThat(r.body()).doesNotContain("heavy").doesNotContain("red");
  }

  @Test
  void anUnknownFieldWhoseNameIsNoFieldName_isNotEchoed() {
    Map<String, Object> body = new LinkedHashMap<>(Fixtures.shipment("M-5"));
    // Personal data pasted as a key (a spreadsheet's header row, a client's bug): the problem names no such field.
    body.put(Fixtures.MARK_NAME + " " + Fixtures.MARK_PHONE, "x");
    body.put("recipient", Map.of(Fixtures.MARK_STREET + "路90号", 1));

    TestService.Response r = svc.post("/v1/shipments", merchant, body);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).doesNotContain(Fixtures.MARK_NAME, Fixtures.MARK_PHONE, Fixtures.MARK_STREET);
    assertThat(fields(r.json())).contains("(unnamed field)", "recipient.(unnamed field)");
  }

  @Test
  void everyInvalidField_isInOneProblem() {
    Map<String, Object> body = new LinkedHashMap<>(Fixtures.shipment("M-3"));
    body.put("reference", "");
    body.put("parcel", Map.of("weightGrams", 0));
    body.put("cod", Map.of("amountCents", 5, "currency", "XX"));

    TestService.Response r = svc.post("/v1/shipments", merchant, body);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(fields(r.json())).contains("reference", "parcel.weightGrams", "cod.currency");
  }

  @Test
  void batchItem_listsEveryFieldThatDoesNotBind() {
    Map<String, Object> item = new LinkedHashMap<>(Fixtures.shipment("M-4"));
    item.put("extra", 1);
    item.put("parcel", Map.of("weightGrams", "x"));

    TestService.Response r = svc.post("/v1/shipments/batch", merchant, Map.of("shipments", List.of(item)));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(fields(r.json().get("results").get(0).get("error"))).containsExactlyInAnyOrder("extra",
        "parcel.weightGrams");
  }

  private static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }
}
