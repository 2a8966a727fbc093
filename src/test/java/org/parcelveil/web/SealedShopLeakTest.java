package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.MarketplaceSealer;
import org.parcelveil.app.TestService;
import org.parcelveil.http.Json;

/**
 * A shop that ships sealed orders never receives the buyer's data: every API endpoint and console page a merchant
 * can reach with a sealed shipment (creation one by one, by handle and in a batch, the shipment, labels in every
 * format, reveal attempts, the after-sales relay; the console's list, search, labels, relay and CSV import) is walked
 * and searched for the recipient's marked name, phone, street and detail.
 */
class SealedShopLeakTest {
  static final String SHOP_PHONE = "13700006666";
  static final Pattern WAYBILL = Pattern.compile("\"waybill\"\\s*:\\s*\"([^\"]+)\"");

  @Test
  void noEndpointOrPageAShopReaches_showsTheSealedBuyer() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      var platform = svc.principal("platform", "Marketplace", null);
      String platformId = platform.principal().id();
      var shop = svc.pv.principals().create(null, "merchant", "Sealed shop", null, SHOP_PHONE);
      String shopId = shop.principal().id();
      String token = shop.token();
      List<String> seen = new ArrayList<>();

      // The API.
      TestService.Response one = svc.post("/v1/shipments", token, shipment("A-1", sealed(svc, platformId, "TB-1", shopId)));
      assertThat(one.status()).as(one.body()).isEqualTo(201);
      String wb = one.json().get("waybill").asText();
      seen.add(one.body());
      String handle = svc.post("/v1/orders", platform.token(), Map.of("merchant", shopId, "orderId", "TB-2",
          "recipient", buyer())).json().get("handle").asText();
      TestService.Response byHandle = svc.post("/v1/shipments", token, shipment("A-2", Map.of("order", handle)));
      assertThat(byHandle.status()).as(byHandle.body()).isEqualTo(201);
      seen.add(byHandle.body());
      TestService.Response batch = svc.post("/v1/shipments/batch", token, Map.of("shipments", List.of(
          shipment("A-3", sealed(svc, platformId, "TB-3", shopId)), shipment("A-4", Map.of("order", handle)))));
      seen.add(batch.body());
      // Refusals: a blob used for another order, and a handle with plain fields mixed in.
      seen.add(svc.post("/v1/shipments", token, shipment("A-5", Map.of("sealed",
          sealed(svc, platformId, "TB-4", shopId).get("sealed"), "platform", platformId, "orderId", "TB-5"))).body());
      seen.add(svc.post("/v1/shipments", token, shipment("A-6", Map.of("order", handle, "name", "X"))).body());
      seen.add(svc.get("/v1/shipments/" + wb, token).body());
      seen.add(svc.get("/v1/shipments/" + wb + "/label?format=zpl", token).body());
      seen.add(pdfText(svc.sendBytes(HttpRequest.newBuilder(URI.create(svc.url("/v1/shipments/" + wb + "/label")))
          .GET(), token).body()));
      seen.add(new String(svc.sendBytes(HttpRequest.newBuilder(URI.create(svc.url(
          "/v1/shipments/" + wb + "/label?format=png"))).GET(), token).body(), StandardCharsets.ISO_8859_1));
      seen.add(pdfText(svc.sendBytes(HttpRequest.newBuilder(URI.create(svc.url("/v1/labels")))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(Map.of("waybills", List.of(wb))))),
          token).body()));
      for (String purpose : List.of("SUPPORT", "DELIVERY", "PICKUP", "CUSTOMER_SERVICE")) {
        seen.add(svc.post("/v1/shipments/" + wb + "/reveal", token,
            Map.of("party", "recipient", "purpose", purpose, "ticket", "T-1")).body());
      }
      TestService.Response contact = svc.post("/v1/shipments/" + wb + "/contact", token, Map.of());
      assertThat(contact.status()).as(contact.body()).isEqualTo(200);
      seen.add(contact.body());

      // The console.
      String login = "sealedshop";
      ConsoleClient c = new ConsoleClient(svc);
      String setup = People.setupPath(svc, shopId);
      c.get(setup);
      c.post(setup, Map.of("login", login, "password", People.PASSWORD, "repeat", People.PASSWORD));
      People.signIn(c, svc, login, new HashMap<>());
      ConsoleClient.Page list = c.get("/console/merchant");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).contains(one.json().get("platformOrder").get("buyer").asText(), "call-" + wb);
      seen.add(list.body());
      seen.add(c.get("/console/merchant?q=" + wb).body());
      ConsoleClient.Page call = c.post("/console/merchant/contact", Map.of("waybill", wb));
      assertThat(call.status()).as(call.body()).isEqualTo(200);
      assertThat(call.body()).contains(contact.json().get("extension").asText());
      seen.add(call.body());
      c.get("/console/merchant");
      seen.add(pdfText(c.getBytes("/console/merchant/labels/" + wb + ".pdf").body()));
      HttpResponse<byte[]> labels = c.postForBytes("/console/merchant/labels", "waybills=" + wb);
      assertThat(labels.statusCode()).isEqualTo(200);
      seen.add(pdfText(labels.body()));

      c.get("/console/merchant/import");
      String csv = "reference,recipient_sealed,recipient_platform,recipient_order_id,recipient_order,weight_grams,"
          + "sender_name,sender_phone,sender_province,sender_city,sender_district,sender_detail\n"
          + "C-1," + sealed(svc, platformId, "TB-6", shopId).get("sealed") + "," + platformId + ",TB-6,,900,"
          + "Shop,13800001111,浙江省,杭州市,滨江区,Warehouse 3\n"
          + "C-2,,,," + handle + ",900,Shop,13800001111,浙江省,杭州市,滨江区,Warehouse 3\n"
          // Sealed for another order: refused by line and problem, never by value.
          + "C-3," + sealed(svc, platformId, "TB-7", shopId).get("sealed") + "," + platformId + ",TB-8,,900,"
          + "Shop,13800001111,浙江省,杭州市,滨江区,Warehouse 3\n";
      ConsoleClient.Page imported = c.upload("/console/merchant/import", "file", "orders.csv",
          csv.getBytes(StandardCharsets.UTF_8));
      assertThat(imported.status()).as(imported.body()).isEqualTo(200);
      assertThat(imported.body()).contains("id=\"created-waybills\"", "id=\"row-errors\"");
      seen.add(imported.body());
      seen.add(c.get("/console/merchant").body());

      for (String body : seen) {
        for (String marker : Fixtures.MARKERS) {
          assertThat(body).as("a merchant's answer holds %s", marker).doesNotContain(marker);
        }
      }
      // The walk saw the shipments: the markers are absent because they are sealed, not because nothing was shown.
      Matcher m = WAYBILL.matcher(batch.body());
      assertThat(m.find()).isTrue();
      assertThat(list.body()).contains(m.group(1));
    }
  }

  static Map<String, Object> buyer() {
    return Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉黛", Fixtures.MARK_PHONE, "西湖区");
  }

  static Map<String, Object> sealed(TestService svc, String platform, String orderId, String merchant) {
    return MarketplaceSealer.recipient(MarketplaceSealer.seal(svc, platform, orderId, merchant, buyer()), platform,
        orderId);
  }

  static Map<String, Object> shipment(String reference, Map<String, Object> recipient) {
    Map<String, Object> s = new LinkedHashMap<>(Fixtures.shipment(reference));
    s.put("recipient", recipient);
    return s;
  }

  static String pdfText(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }
}
