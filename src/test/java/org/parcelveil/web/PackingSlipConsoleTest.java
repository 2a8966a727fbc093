package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * The packing slip from the merchant's shipment page: typed lines become the PDF's items; bad lines come back beside
 * the box in the page's language, by line; the form needs its token; another merchant's number is unknown.
 */
class PackingSlipConsoleTest {

  @Test
  void typedLines_printTheSlip_andBadLinesAreNamedByLine_inThePagesLanguage() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      var shop = People.personWithToken(svc, "merchant", "Shop", null, "slipshop");
      String other = svc.principal("merchant", "Other", null).token();
      String wb = svc.post("/v1/shipments", shop.token(), Fixtures.shipment("WEB-SLIP-1")).json().get("waybill")
          .asText();
      String foreign = svc.post("/v1/shipments", other, Fixtures.shipment("WEB-X")).json().get("waybill").asText();
      String page = "/console/merchant/shipments/" + wb;
      ConsoleClient c = new ConsoleClient(svc);
      People.signIn(c, svc, "slipshop", new HashMap<>());

      ConsoleClient.Page detail = c.get(page);
      assertThat(detail.body()).contains("id=\"slip-items\"", "action=\"" + page + "/packing-slip\"");
      HttpResponse<byte[]> pdf = c.postForBytes(page + "/packing-slip",
          "items=" + enc("青花瓷茶杯 x 2\n\nLinen tea towel, 3\r\n竹筷×10\nGift card"));
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
      assertThat(pdf.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
      try (PDDocument doc = Loader.loadPDF(pdf.body())) {
        String text = new PDFTextStripper().getText(doc);
        assertThat(text).contains("WEB-SLIP-1", "青花瓷茶杯", "× 2", "Linen tea towel", "× 3", "竹筷", "× 10",
            "Gift card", "16 件 pieces · 4 种 lines").doesNotContain(Fixtures.MARK_NAME, Fixtures.MARK_STREET);
      }

      // Bad lines: named by their line in the box (blank lines count), with what was typed kept.
      c.get(page);
      String typed = "Tea x 0\n\n" + "x".repeat(81) + ", 1\nBox 📦, 2";
      ConsoleClient.Page refused = c.post(page + "/packing-slip", Map.of("items", typed));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("Line 1: the quantity", "Line 3: the item name must have 1 to 80",
          "Line 4: the label font cannot print", "aria-describedby=\"slip-items-hint\" aria-invalid=\"true\"",
          "Tea x 0");
      c.get("/console/lang/zh?back=" + page);
      c.get(page);
      ConsoleClient.Page chinese = c.post(page + "/packing-slip", Map.of("items", "Tea x 0"));
      assertThat(chinese.status()).isEqualTo(400);
      assertThat(chinese.body()).contains("第 1 行：数量须为 1 至 9999 的整数");
      c.get(page);
      assertThat(c.post(page + "/packing-slip", Map.of("items", " \n ")).body()).contains("请填写 1 至 100 件商品");

      // No token, no slip; another merchant's shipment is unknown; a cancelled one has no form and no slip.
      assertThat(c.postRaw(page + "/packing-slip", Map.of("items", "Tea x 1")).status()).isNotEqualTo(200);
      c.get(page);
      assertThat(c.post("/console/merchant/shipments/" + foreign + "/packing-slip", Map.of("items", "Tea x 1"))
          .status()).isEqualTo(404);
      assertThat(svc.post("/v1/shipments/" + wb + "/cancel", shop.token(), Map.of()).status()).isEqualTo(200);
      assertThat(c.get(page).body()).doesNotContain("id=\"slip-items\"");
      assertThat(c.post(page + "/packing-slip", Map.of("items", "Tea x 1")).status()).isEqualTo(409);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
