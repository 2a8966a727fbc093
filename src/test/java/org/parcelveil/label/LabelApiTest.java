package org.parcelveil.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Result;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/** Labels through the API: what is printed decodes back, the QR token scans, and altered tokens are refused. */
class LabelApiTest {

  @Test
  void label_printsMaskedParties_decodesBack_andItsQrScans() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String other = svc.principal("merchant", "Other", null).token();
      String desk = svc.principal("station", "Xihu", "HZ-XH01").token();
      String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("L-1")).json().get("waybill").asText();
      String wb2 = svc.post("/v1/shipments", merchant, Fixtures.shipment("L-2")).json().get("waybill").asText();

      byte[] png = bytes(svc, "/v1/shipments/" + wb + "/label?format=png", merchant, 200);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      List<Result> codes = PngLabelTest.decodeAll(image);
      assertThat(codes).filteredOn(r -> r.getBarcodeFormat() == BarcodeFormat.CODE_128)
          .singleElement().satisfies(r -> assertThat(r.getText()).isEqualTo(wb));
      String qr = codes.stream().filter(r -> r.getBarcodeFormat() == BarcodeFormat.QR_CODE).findFirst().orElseThrow()
          .getText();
      // No --public-url: the QR code points to where this service listens, not to a port it does not.
      assertThat(qr).startsWith("http://localhost:" + svc.server.port() + "/c/");
      TestService.Response scan = svc.post("/v1/scans", desk, Map.of("qr", qr));
      assertThat(scan.status()).isEqualTo(200);
      assertThat(scan.json().get("waybill").asText()).isEqualTo(wb);
      assertThat(scan.json().get("sortCode").asText()).isEqualTo("HZH-HZ-XH01");
      char last = qr.charAt(qr.length() - 5);
      String altered = qr.substring(0, qr.length() - 5) + (last == 'A' ? 'B' : 'A') + qr.substring(qr.length() - 4);
      assertThat(svc.post("/v1/scans", desk, Map.of("qr", altered)).status()).isEqualTo(400);
      assertThat(svc.post("/v1/scans", desk, Map.of("qr", "PV12345678901234X")).status()).isEqualTo(400);
      assertThat(svc.post("/v1/scans", merchant, Map.of("qr", qr)).status()).isEqualTo(403);

      try (PDDocument pdf = Loader.loadPDF(bytes(svc, "/v1/shipments/" + wb + "/label", merchant, 200))) {
        String text = new PDFTextStripper().getText(pdf);
        assertThat(text).contains("*******4321", "浙江省 杭州市 西湖区").doesNotContain(Fixtures.MARK_NAME,
            Fixtures.MARK_PHONE_DIGITS, Fixtures.MARK_STREET, Fixtures.MARK_DETAIL);
      }
      String zpl = new String(bytes(svc, "/v1/shipments/" + wb + "/label?format=zpl", merchant, 200), "UTF-8");
      assertThat(zpl).contains("^CI28", "^BC").doesNotContain(Fixtures.MARK_PHONE_DIGITS);
      bytes(svc, "/v1/shipments/" + wb + "/label?format=gif", merchant, 400);
      bytes(svc, "/v1/shipments/" + wb + "/label", other, 404);

      HttpResponse<byte[]> batch = svc.sendBytes(HttpRequest.newBuilder(URI.create(svc.url("/v1/labels")))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"waybills\":[\"" + wb + "\",\"" + wb2 + "\"],\"format\":\"pdf\"}")),
          merchant);
      assertThat(batch.statusCode()).isEqualTo(200);
      try (PDDocument pdf = Loader.loadPDF(batch.body())) {
        assertThat(pdf.getNumberOfPages()).isEqualTo(2);
      }
      assertThat(svc.post("/v1/labels", other, Map.of("waybills", List.of(wb), "format", "pdf")).status()).isEqualTo(400);
    }
  }

  @Test
  void payment_isStoredShownAndPrinted_withTheHotline_andABadOneIsRefused() throws Exception {
    try (TestService svc = TestService.start("postgres", s -> s.withLabels(s.labels().withHotline("95338")))) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      Map<String, Object> collect = new java.util.LinkedHashMap<>(Fixtures.shipment("PAY-1"));
      collect.put("payment", "RECIPIENT");
      collect.remove("cod");
      TestService.Response created = svc.post("/v1/shipments", merchant, collect);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(created.json().get("payment").asText()).isEqualTo("RECIPIENT");
      String wb = created.json().get("waybill").asText();
      assertThat(svc.get("/v1/shipments/" + wb, merchant).json().get("payment").asText()).isEqualTo("RECIPIENT");
      try (PDDocument doc = Loader.loadPDF(bytes(svc, "/v1/shipments/" + wb + "/label", merchant, 200))) {
        assertThat(new PDFTextStripper().getText(doc)).contains("到付 Recipient pays", "只付运费",
            "客服 Hotline 95338").doesNotContain("请勿付款");
      }

      String plain = svc.post("/v1/shipments", merchant, Fixtures.shipment("PAY-2")).json().get("waybill").asText();
      assertThat(svc.get("/v1/shipments/" + plain, merchant).json().get("payment").asText()).isEqualTo("SENDER");
      try (PDDocument doc = Loader.loadPDF(bytes(svc, "/v1/shipments/" + plain + "/label", merchant, 200))) {
        assertThat(new PDFTextStripper().getText(doc)).contains("寄付 Sender pays", "客服 Hotline 95338");
      }

      Map<String, Object> bad = new java.util.LinkedHashMap<>(Fixtures.shipment("PAY-3"));
      bad.put("payment", "CASH");
      bad.put("reference", "");
      TestService.Response refused = svc.post("/v1/shipments", merchant, bad);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("\"payment\"", "\"reference\"").doesNotContain("CASH");
    }
  }

  static byte[] bytes(TestService svc, String path, String token, int status) throws Exception {
    HttpResponse<byte[]> r = svc.sendBytes(HttpRequest.newBuilder(URI.create(svc.url(path))).GET(), token);
    assertThat(r.statusCode()).isEqualTo(status);
    return r.body();
  }
}
