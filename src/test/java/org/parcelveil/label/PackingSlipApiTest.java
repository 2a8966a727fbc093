package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * Packing slips through the API: the order and its items on a label-sized page with the waybill barcode, no party
 * on it, only for the shipment's own merchant, and every bad item named at once.
 */
class PackingSlipApiTest {

  @Test
  void slip_showsReferenceItemsAndWaybill_butNoParty() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      Map<String, Object> monthly = new LinkedHashMap<>(Fixtures.shipment("ORDER-7781"));
      monthly.put("payment", "MONTHLY");
      String wb = svc.post("/v1/shipments", merchant, monthly).json().get("waybill").asText();

      HttpResponse<byte[]> r = slip(svc, wb, merchant, Map.of("items", List.of(
          Map.of("name", "青花瓷茶杯", "quantity", 2, "sku", "CUP-01"),
          Map.of("name", "Linen tea towel", "quantity", 3))));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
      assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
      try (PDDocument doc = Loader.loadPDF(r.body())) {
        assertThat(doc.getNumberOfPages()).isEqualTo(1);
        // The same paper as the label: 100 × 150 mm.
        assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(283.46f, org.assertj.core.data.Offset.offset(0.1f));
        String text = new PDFTextStripper().getText(doc);
        assertThat(text).contains("ORDER-7781", "青花瓷茶杯", "× 2", "SKU CUP-01", "Linen tea towel", "× 3",
            "合计 Total  5 件 pieces · 2 种 lines", "月结 Monthly account", Layout.spaced(wb));
        assertThat(text).doesNotContain(Fixtures.MARK_NAME, Fixtures.MARK_PHONE_DIGITS, Fixtures.MARK_STREET,
            Fixtures.MARK_DETAIL, "宝玉", "Qxsender", "13800001111", "西湖区", "滨江区");
        var image = new PDFRenderer(doc).renderImageWithDPI(0, 203);
        assertThat(PngLabelTest.decodeAll(image)).filteredOn(c -> c.getBarcodeFormat() == BarcodeFormat.CODE_128)
            .singleElement().satisfies(c -> assertThat(c.getText()).isEqualTo(wb));
      }
    }
  }

  @Test
  void manyItems_goOnFurtherPages_eachNamingTheParcel() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("BIG-1")).json().get("waybill").asText();
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        items.add(Map.of("name", "超长商品名称".repeat(12) + "第" + i + "件", "quantity", 9999, "sku", "S" + i));
      }
      HttpResponse<byte[]> r = slip(svc, wb, merchant, Map.of("items", items));
      assertThat(r.statusCode()).isEqualTo(200);
      try (PDDocument doc = Loader.loadPDF(r.body())) {
        assertThat(doc.getNumberOfPages()).isGreaterThan(1);
        PDFTextStripper last = new PDFTextStripper();
        last.setStartPage(doc.getNumberOfPages());
        last.setEndPage(doc.getNumberOfPages());
        assertThat(last.getText(doc)).contains("BIG-1", Layout.spaced(wb), "SKU S99", "999900 件");
      }
      assertThat(slip(svc, wb, merchant, Map.of("items", add(items, Map.of("name", "one more", "quantity", 1))))
          .statusCode()).isEqualTo(400);
    }
  }

  @Test
  void onlyTheShipmentsMerchant_getsASlip_andACancelledOneIsAConflict() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String other = svc.principal("merchant", "Other", null).token();
      String desk = svc.principal("station", "Xihu", "HZ-XH01").token();
      String support = svc.principal("support", "Help", null).token();
      String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("S-1")).json().get("waybill").asText();
      Map<String, Object> body = Map.of("items", List.of(Map.of("name", "Tea", "quantity", 1)));

      HttpResponse<byte[]> stranger = slip(svc, wb, other, body);
      HttpResponse<byte[]> madeUp = slip(svc, "PV00000000000000X", other, body);
      assertThat(stranger.statusCode()).isEqualTo(404);
      assertThat(madeUp.statusCode()).isEqualTo(404);
      assertThat(new String(stranger.body())).isEqualTo(new String(madeUp.body()));
      // A stranger's bad items do not tell a real number from a made-up one either.
      assertThat(slip(svc, wb, other, Map.of("items", List.of())).statusCode()).isEqualTo(404);
      assertThat(slip(svc, wb, desk, body).statusCode()).isEqualTo(403);
      assertThat(slip(svc, wb, support, body).statusCode()).isEqualTo(403);
      assertThat(slip(svc, wb, svc.adminToken, body).statusCode()).isEqualTo(403);

      assertThat(svc.post("/v1/shipments/" + wb + "/cancel", merchant, Map.of()).status()).isEqualTo(200);
      HttpResponse<byte[]> cancelled = slip(svc, wb, merchant, body);
      assertThat(cancelled.statusCode()).isEqualTo(409);
      assertThat(new String(cancelled.body())).contains("shipment-cancelled");
      assertThat(slip(svc, wb, other, body).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void badItems_areAllNamedAtOnce_withoutTheirText() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("B-1")).json().get("waybill").asText();
      List<Map<String, Object>> items = new ArrayList<>();
      items.add(Map.of("name", "Fine", "quantity", 1));
      items.add(Map.of("name", "", "quantity", 0));
      items.add(Map.of("name", "x".repeat(81), "quantity", 10000));
      items.add(Map.of("name", Fixtures.MARK_NAME + " \uD83D\uDCE6", "quantity", 1));
      items.add(Map.of("name", "Ok", "quantity", 1, "sku", "s".repeat(41)));
      items.add(Map.of("quantity", 1));
      HttpResponse<byte[]> r = slip(svc, wb, merchant, Map.of("items", items));
      assertThat(r.statusCode()).isEqualTo(400);
      String problem = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(problem).contains("\"items[1].name\"", "\"items[1].quantity\"", "\"items[2].name\"",
          "\"items[2].quantity\"", "\"items[3].name\"", "cannot print", "\"items[4].sku\"", "\"items[5].name\"")
          .doesNotContain("items[0]", Fixtures.MARK_NAME, "xxxxxxxx");

      assertThat(slip(svc, wb, merchant, Map.of("items", List.of())).statusCode()).isEqualTo(400);
      assertThat(slip(svc, wb, merchant, Map.of()).statusCode()).isEqualTo(400);
      assertThat(slip(svc, wb, merchant, Map.of("items", List.of(Map.of("name", "Tea", "quantity", "two"))))
          .statusCode()).isEqualTo(400);
    }
  }

  private static List<Map<String, Object>> add(List<Map<String, Object>> items, Map<String, Object> one) {
    List<Map<String, Object>> more = new ArrayList<>(items);
    more.add(one);
    return more;
  }

  static HttpResponse<byte[]> slip(TestService svc, String waybill, String token, Object body) throws Exception {
    String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    return svc.sendBytes(HttpRequest.newBuilder(URI.create(svc.url("/v1/shipments/" + waybill + "/packing-slip")))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), token);
  }
}
