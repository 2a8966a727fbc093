package org.parcelveil.address;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.MarketplaceSealer;
import org.parcelveil.app.TestService;

/** Areas at the API: checked against the official list, normalised, refused where the network does not serve. */
class AddressApiTest {
  private static TestService svc;
  private static String merchant;
  private static String merchantId;

  @BeforeAll
  static void start() {
    svc = TestService.start();
    Fixtures.network(svc);
    var shop = svc.principal("merchant", "Shop", null);
    merchant = shop.token();
    merchantId = shop.principal().id();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  private static Map<String, Object> withRecipientArea(String reference, String p, String c, String d) {
    Map<String, Object> s = new HashMap<>(Fixtures.shipment(reference));
    @SuppressWarnings("unchecked")
    Map<String, Object> recipient = new HashMap<>((Map<String, Object>) s.get("recipient"));
    Map<String, Object> address = Fixtures.area(p, c, d);
    address.put("detail", Fixtures.MARK_DETAIL + " 1");
    recipient.put("address", address);
    s.put("recipient", recipient);
    return s;
  }

  private static List<String> fields(TestService.Response r) {
    return r.json().get("errors").findValuesAsText("field");
  }

  @Test
  void anUnknownArea_isA400NamingEachBadFieldAtOnce() {
    Map<String, Object> s = withRecipientArea("MARS-1", "火星省", "火星市", "奥林匹斯区");
    @SuppressWarnings("unchecked")
    Map<String, Object> sender = new HashMap<>((Map<String, Object>) s.get("sender"));
    Map<String, Object> senderAddress = Fixtures.area("浙江省", "杭州市", "奥林匹斯区");
    senderAddress.put("detail", "1");
    sender.put("address", senderAddress);
    s.put("sender", sender);
    s.put("parcel", Map.of("weightGrams", 0));
    TestService.Response r = svc.post("/v1/shipments", merchant, s);
    assertThat(r.status()).isEqualTo(400);
    assertThat(fields(r)).contains("recipient.address.province", "sender.address.district", "parcel.weightGrams");
    assertThat(r.body()).doesNotContain("火星", "奥林匹斯");
  }

  @Test
  void shortForms_areStoredAndMaskedAsTheOfficialNames() {
    TestService.Response r = svc.post("/v1/shipments", merchant, withRecipientArea("SHORT-1", "浙江", "杭州", "西湖"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().at("/masked/recipient/area").asText()).isEqualTo("浙江省 杭州市 西湖区");
    assertThat(r.json().get("sortCode").asText()).isEqualTo("HZH-HZ-XH01");
    JsonNode view = svc.get("/v1/shipments/" + r.json().get("waybill").asText(), merchant).json();
    assertThat(view.at("/destination/province").asText()).isEqualTo("浙江省");
    assertThat(view.at("/destination/district").asText()).isEqualTo("西湖区");
  }

  @Test
  void anUnservedDistrict_isRefusedBeforeANumberOrLabelExists() {
    TestService.Response r = svc.post("/v1/shipments", merchant, withRecipientArea("UNSERVED-1", "浙江省", "杭州市", "上城区"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("type").asText()).endsWith("unserved-area");
    assertThat(fields(r)).containsExactly("recipient.address.district");
    assertThat(r.json().at("/errors/0/message").asText()).contains("not served");
    assertThat(r.body()).doesNotContain("UNROUTED");

    TestService.Response batch = svc.post("/v1/shipments/batch", merchant, Map.of("shipments", List.of(
        Fixtures.shipment("SERVED-B"), withRecipientArea("UNSERVED-B", "上海市", "上海市", "浦东新区"))));
    assertThat(batch.status()).isEqualTo(200);
    JsonNode results = batch.json().get("results");
    assertThat(results.get(0).path("waybill").isTextual()).isTrue();
    assertThat(results.get(1).path("waybill").isTextual()).isFalse();
    assertThat(results.get(1).toString()).contains("recipient.address.district");
    assertThat(svc.pv.shipments().ofMerchant(merchantId, 100)).extracting(org.parcelveil.shipment.Shipment::reference)
        .contains("SERVED-B").doesNotContain("UNSERVED-1", "UNSERVED-B");
  }

  /** A party in Hangzhou with the area as given (short forms, or an unknown district). */
  private static Map<String, Object> buyer(String p, String c, String d) {
    Map<String, Object> party = new HashMap<>(Fixtures.party("Buyer", "13911112222", "西湖区"));
    Map<String, Object> address = Fixtures.area(p, c, d);
    address.put("detail", "1号");
    party.put("address", address);
    return party;
  }

  @Test
  void sealedAndRegisteredRecipients_areCheckedAndNormalisedWhenOpenedOnTheServer() {
    var platform = svc.principal("platform", "Marketplace", null);
    String platformId = platform.principal().id();
    Map<String, Object> sealedShort = new HashMap<>(Fixtures.shipment("SEALED-SHORT"));
    sealedShort.put("recipient", MarketplaceSealer.recipient(MarketplaceSealer.seal(svc, platformId, "TB-S1",
        merchantId, buyer("浙江", "杭州", "西湖")), platformId, "TB-S1"));
    TestService.Response ok = svc.post("/v1/shipments", merchant, sealedShort);
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(ok.json().at("/masked/recipient/area").asText()).isEqualTo("浙江省 杭州市 西湖区");

    Map<String, Object> sealedMars = new HashMap<>(Fixtures.shipment("SEALED-MARS"));
    sealedMars.put("recipient", MarketplaceSealer.recipient(MarketplaceSealer.seal(svc, platformId, "TB-S2",
        merchantId, buyer("浙江省", "杭州市", "奥林匹斯区")), platformId, "TB-S2"));
    TestService.Response mars = svc.post("/v1/shipments", merchant, sealedMars);
    assertThat(mars.status()).isEqualTo(400);
    assertThat(fields(mars)).containsExactly("recipient.address.district");

    TestService.Response order = svc.post("/v1/orders", platform.token(), Map.of("orderId", "TB-R1",
        "merchant", merchantId, "recipient", buyer("火星省", "火星市", "奥林匹斯区")));
    assertThat(order.status()).isEqualTo(400);
    assertThat(fields(order)).containsExactly("recipient.address.province");
  }

  @Test
  void parse_splitsALineIntoTheFieldsOfAParty() {
    TestService.Response r = svc.post("/v1/addresses/parse", merchant,
        Map.of("text", "张三 13912345678 浙江省杭州市西湖区文三路90号2栋1204室"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode p = r.json();
    assertThat(p.get("name").asText()).isEqualTo("张三");
    assertThat(p.get("phone").asText()).isEqualTo("13912345678");
    assertThat(p.at("/address/province").asText()).isEqualTo("浙江省");
    assertThat(p.at("/address/city").asText()).isEqualTo("杭州市");
    assertThat(p.at("/address/district").asText()).isEqualTo("西湖区");
    assertThat(p.at("/address/street").asText()).isEqualTo("文三路90号");
    assertThat(p.at("/address/detail").asText()).isEqualTo("2栋1204室");
    assertThat(p.get("unparsed").isArray()).isTrue();
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void theContract_describesTheParseOperation() {
    JsonNode op = svc.get("/openapi.json", null).json().at("/paths/~1v1~1addresses~1parse/post");
    assertThat(op.get("operationId").asText()).isEqualTo("parseAddress");
    assertThat(op.at("/responses/400").isMissingNode()).isFalse();
    assertThat(op.at("/responses/200/content/application~1json/schema/$ref").asText()).endsWith("/ParsedAddress");
  }

  @Test
  void parse_refusesTooLongOrMissingTextWithoutQuotingIt_andRolesThatFillNoAddresses() {
    String line = "张三 13912345678 浙江省杭州市西湖区文三路90号2栋1204室 ";
    TestService.Response tooLong = svc.post("/v1/addresses/parse", merchant, Map.of("text", line.repeat(20)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(fields(tooLong)).containsExactly("text");
    assertThat(tooLong.body()).doesNotContain("张三", "13912345678", "文三路");
    assertThat(svc.post("/v1/addresses/parse", merchant, Map.of()).status()).isEqualTo(400);
    String courier = svc.principal("courier", "Courier", "HZ-XH01").token();
    assertThat(svc.post("/v1/addresses/parse", courier, Map.of("text", line)).status()).isEqualTo(403);
    assertThat(svc.post("/v1/addresses/parse", null, Map.of("text", line)).status()).isEqualTo(401);
    String platform = svc.principal("platform", "Market", null).token();
    assertThat(svc.post("/v1/addresses/parse", platform, Map.of("text", line)).status()).isEqualTo(200);
  }
}
