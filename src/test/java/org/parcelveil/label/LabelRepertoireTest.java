package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.http.Json;
import org.parcelveil.shipment.Printability;
import org.parcelveil.validation.Check;
import org.parcelveil.vault.Address;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.PersonInput;
import org.parcelveil.vault.Phone;
import org.parcelveil.vault.Sensitive;

/**
 * The label font defines what a shipment may hold in the fields its label prints: anything else is refused at
 * creation, naming the field, and a stored shipment the font cannot draw gets a clear problem, never a 500.
 */
class LabelRepertoireTest {
  private static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
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

  @ParameterizedTest
  @ValueSource(strings = {"西湖区😀", "مصر"})
  void districtTheFontCannotDraw_isRefusedAtCreation_namingTheField(String district) {
    Map<String, Object> body = Fixtures.shipment("R-" + district.length());
    party(body, "recipient").put("district", district);

    TestService.Response r = svc.post("/v1/shipments", merchant, body);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(fields(r.json())).containsExactly("recipient.address.district");
    assertThat(r.body()).doesNotContain(district);
  }

  @Test
  void senderCityAndRecipientNameTheFontCannotDraw_areRefused_eachNamed() {
    Map<String, Object> body = Fixtures.shipment("R-NAME");
    party(body, "sender").put("city", "القاهرة");
    @SuppressWarnings("unchecked")
    Map<String, Object> recipient = (Map<String, Object>) body.get("recipient");
    recipient.put("name", "محمد علي");

    TestService.Response r = svc.post("/v1/shipments", merchant, body);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(fields(r.json())).containsExactlyInAnyOrder("sender.address.city", "recipient.name");
  }

  @Test
  void batchItemTheFontCannotDraw_failsAlone_namingTheField() {
    Map<String, Object> bad = Fixtures.shipment("R-B2");
    party(bad, "recipient").put("district", "西湖区😀");

    TestService.Response r = svc.post("/v1/shipments/batch", merchant,
        Map.of("shipments", List.of(Fixtures.shipment("R-B1"), bad)));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode items = r.json().get("results");
    assertThat(items.get(0).get("waybill").asText()).isNotBlank();
    assertThat(fields(items.get(1).get("error"))).containsExactly("recipient.address.district");
  }

  @Test
  void storedShipmentTheFontCannotDraw_getsAProblemForEveryFormat_neverA500() throws Exception {
    String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("R-OLD")).json().get("waybill").asText();
    // As stored before creation checked the label font.
    try (Connection c = svc.pv.database().connection();
        PreparedStatement ps = c.prepareStatement("UPDATE shipments SET dest_district = ? WHERE waybill = ?")) {
      ps.setString(1, "西湖区😀");
      ps.setString(2, wb);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    for (String format : List.of("pdf", "png", "zpl")) {
      HttpResponse<byte[]> r = svc.sendBytes(HttpRequest.newBuilder(
          URI.create(svc.url("/v1/shipments/" + wb + "/label?format=" + format))).GET(), merchant);
      assertThat(r.statusCode()).as(format).isEqualTo(422);
      JsonNode problem = Json.mapper().readTree(r.body());
      assertThat(fields(problem)).as(format).containsExactly("recipient.area");
      assertThat(new String(r.body(), "UTF-8")).doesNotContain("😀");
    }
    TestService.Response batch = svc.post("/v1/labels", merchant, Map.of("waybills", List.of(wb), "format", "pdf"));
    assertThat(batch.status()).as(batch.body()).isEqualTo(422);
    assertThat(fields(batch.json())).containsExactly("recipient.area");
  }

  @Test
  void anotherLabelFont_definesAnotherRepertoire() {
    assumeThat(Files.isReadable(DEJAVU)).as("DejaVu Sans installed").isTrue();
    Printability bundled = Labels.withDefaults().printability();
    Printability dejavu = new Labels(LabelSettings.defaults().withFontFile(DEJAVU)).printability();

    // Built as the record, not through validation: shipments take only China's divisions, but a label font's
    // repertoire is about the characters it can draw, whatever the address.
    Person cairo = new Person(Sensitive.of("محمد علي"), Phone.ofNormalised("+8613912345678"),
        new Address(new Area("Cairo", "Cairo", "مصر الجديدة"), null, Sensitive.of("1204")));
    Person hangzhou = person("张三", "浙江省", "杭州市", "西湖区");

    assertThat(errors(bundled, cairo)).containsExactly("r.name", "r.address.district");
    assertThat(errors(dejavu, cairo)).isEmpty();
    assertThat(errors(bundled, hangzhou)).isEmpty();
    assertThat(errors(dejavu, hangzhou)).containsExactly("r.name", "r.address.province", "r.address.city",
        "r.address.district");
  }

  private static List<String> errors(Printability p, Person person) {
    Check check = new Check();
    p.check(check, "r", person);
    return check.errors().stream().map(e -> e.field()).toList();
  }

  private static Person person(String name, String province, String city, String district) {
    Check check = new Check();
    Person p = new PersonInput(name, "13912345678", new PersonInput.AddressInput(province, city, district,
        null, "1204")).validate(check, "r");
    check.throwIfInvalid();
    return p;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> party(Map<String, Object> shipment, String role) {
    Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) shipment.get(role));
    Map<String, Object> address = new LinkedHashMap<>((Map<String, Object>) p.get("address"));
    p.put("address", address);
    shipment.put(role, p);
    return address;
  }

  private static List<String> fields(JsonNode problem) {
    return problem.get("errors") == null ? List.of()
        : java.util.stream.StreamSupport.stream(problem.get("errors").spliterator(), false)
            .map(e -> e.get("field").asText()).toList();
  }
}
