package org.parcelveil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * Bidirectional embedding, override and isolate controls reorder what people read (a name shown backwards, an area
 * that reads as another): refused in every text field, names and areas first.
 */
class BidiControlTest {
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

  static IntStream controls() {
    return IntStream.concat(IntStream.rangeClosed(0x202A, 0x202E), IntStream.rangeClosed(0x2066, 0x2069));
  }

  @ParameterizedTest
  @MethodSource("controls")
  void checkText_refusesEachControl(int cp) {
    Check check = new Check();
    String text = "张" + Character.toString(cp) + "三";
    assertThat(check.text("name", text, 1, 64)).isNull();
    assertThat(check.errors()).extracting(FieldError::field).containsExactly("name");
  }

  @Test
  void shipmentName_withAnOverrideInsideAHanName_is400_namingTheField() {
    Map<String, Object> body = Fixtures.shipment("B-1");
    // The mask (张**) would print; the stored name would not read as sent.
    party(body, "recipient").put("name", "张\u202E三丰");

    TestService.Response r = svc.post("/v1/shipments", merchant, body);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(fields(r)).containsExactly("recipient.name");
  }

  @Test
  void shipmentAreaAndStreet_withIsolates_are400_namingEachField() {
    Map<String, Object> body = Fixtures.shipment("B-2");
    Map<String, Object> sender = party(body, "sender");
    @SuppressWarnings("unchecked")
    Map<String, Object> address = new LinkedHashMap<>((Map<String, Object>) sender.get("address"));
    address.put("district", "滨江\u2067区");
    address.put("street", "\u2066Markstreet 12\u2069");
    sender.put("address", address);

    TestService.Response r = svc.post("/v1/shipments", merchant, body);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(fields(r)).containsExactlyInAnyOrder("sender.address.district", "sender.address.street");
  }

  @Test
  void stationAndPrincipalNames_withControls_are400() {
    TestService.Response station = svc.post("/v1/stations", svc.adminToken, Map.of("code", "BD1", "name",
        "Hub\u202Bx", "kind", "HUB", "area", Fixtures.area("浙江省", "杭州市", "上城区")));
    assertThat(station.status()).as(station.body()).isEqualTo(400);
    assertThat(fields(station)).containsExactly("name");
    TestService.Response area = svc.post("/v1/stations", svc.adminToken, Map.of("code", "BD2", "name",
        "Hub", "kind", "HUB", "area", Fixtures.area("浙江省", "杭州市", "上城\u202C区")));
    assertThat(area.status()).as(area.body()).isEqualTo(400);
    assertThat(fields(area)).containsExactly("area.district");

    TestService.Response principal = svc.post("/v1/principals", svc.adminToken,
        Map.of("role", "merchant", "name", "Shop\u2068"));
    assertThat(principal.status()).as(principal.body()).isEqualTo(400);
    assertThat(fields(principal)).containsExactly("name");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> party(Map<String, Object> shipment, String role) {
    Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) shipment.get(role));
    shipment.put(role, p);
    return p;
  }

  private static List<String> fields(TestService.Response r) {
    return StreamSupport.stream(r.json().get("errors").spliterator(), false).map(e -> e.get("field").asText())
        .toList();
  }
}
