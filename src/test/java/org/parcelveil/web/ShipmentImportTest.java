package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * The console's import through the real service: GBK, UTF-8 with a byte order mark, Chinese headers and xlsx are
 * read without garble; a file that does not decode, or a workbook that inflates too far, is refused whole, creating
 * nothing and echoing nothing of its content.
 */
class ShipmentImportTest {
  static final Charset GBK = Charset.forName("GBK");
  static final String ENGLISH = "reference,sender_name,sender_phone,sender_province,sender_city,sender_district,"
      + "sender_detail,recipient_name,recipient_phone,recipient_province,recipient_city,recipient_district,"
      + "recipient_detail,weight_grams\n";
  static final String CHINESE = "订单号,寄件人,寄件人电话,寄件省,寄件市,寄件区,寄件地址,收件人,收件人电话,省,市,区,详细地址,重量(克)\n";
  static final Pattern CREATED = Pattern.compile("/v1/shipments/([0-9A-Z]+)/label");

  static TestService svc;
  static String token;
  static String merchantId;
  static ConsoleClient console;

  @BeforeAll
  static void start() {
    svc = TestService.start();
    Fixtures.network(svc);
    var m = People.personWithToken(svc, "merchant", "Import shop", null, "importshop");
    token = m.token();
    merchantId = m.principal().id();
    console = new ConsoleClient(svc);
    People.signIn(console, svc, "importshop", new HashMap<>());
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  static String row(String reference) {
    return reference + ",茶叶店,13800001111,浙江省,杭州市,滨江区,江南大道1号," + Fixtures.MARK_NAME + "张三,"
        + Fixtures.MARK_PHONE + ",浙江省,杭州市,西湖区," + Fixtures.MARK_DETAIL + "文三路90号,1200\n";
  }

  ConsoleClient.Page upload(String name, byte[] file, String encoding) {
    console.get("/console/merchant/import");
    return console.upload("/console/merchant/import", "file", name, file, Map.of("encoding", encoding));
  }

  static List<String> waybills(ConsoleClient.Page page) {
    Matcher m = CREATED.matcher(page.body());
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  static void assertReadInChinese(ConsoleClient.Page page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<String> created = waybills(page);
    assertThat(created).hasSize(1);
    JsonNode s = svc.get("/v1/shipments/" + created.get(0), token).json();
    assertThat(s.get("destination").get("province").asText()).isEqualTo("浙江省");
    assertThat(s.get("destination").get("district").asText()).isEqualTo("西湖区");
    assertThat(s.get("sortCode").asText()).isNotEqualTo("UNROUTED");
  }

  @Test
  void gbkFile_asExcelSavesItOnChineseWindows_isReadWithoutGarble() {
    assertReadInChinese(upload("gbk.csv", (ENGLISH + row("GBK-1")).getBytes(GBK), "auto"));
  }

  @Test
  void gbkFile_withChineseHeaders_andGbkChosen_isRead() {
    assertReadInChinese(upload("gbk-zh.csv", (CHINESE + row("GBK-2")).getBytes(GBK), "gb18030"));
  }

  @Test
  void utf8File_withByteOrderMark_andChineseHeaders_isRead() {
    byte[] text = ("\uFEFF" + CHINESE + row("BOM-1")).getBytes(StandardCharsets.UTF_8);
    assertThat(text[0]).isEqualTo((byte) 0xEF);
    assertReadInChinese(upload("bom.csv", text, "auto"));
  }

  @Test
  void undecodableFile_isRefusedWithItsPosition_createsNothing_andEchoesNothing() {
    int before = svc.pv.shipments().ofMerchant(merchantId, 1000).size();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes((ENGLISH + row("BAD-1")).getBytes(StandardCharsets.UTF_8));
    file.writeBytes("BAD-2,".getBytes(StandardCharsets.UTF_8));
    file.write(0xFF); // no character of UTF-8 or GB18030 starts with it
    file.writeBytes(row("x").getBytes(StandardCharsets.UTF_8));
    ConsoleClient.Page page = upload("bad.csv", file.toByteArray(), "auto");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("id=\"file-error\"").contains("line 3, column 7 (byte 7 of the line)");
    assertThat(waybills(page)).isEmpty();
    assertThat(svc.pv.shipments().ofMerchant(merchantId, 1000)).hasSize(before);
    for (String marker : Fixtures.MARKERS) {
      assertThat(page.body()).doesNotContain(marker);
    }
  }

  @Test
  void gbkFile_readAsChosenUtf8_isRefused_notGarbled() {
    ConsoleClient.Page page = upload("gbk.csv", (ENGLISH + row("GBK-3")).getBytes(GBK), "utf-8");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("not valid UTF-8 text: line 2");
    assertThat(waybills(page)).isEmpty();
  }

  @Test
  void senderLandline_isImported_recipientLandlineIsReportedByItsLine() {
    String shop = row("LAND-1").replace(",13800001111,", ",0571-88886666,");
    String toLandline = row("LAND-2").replace("," + Fixtures.MARK_PHONE + ",", ",057188886666,");
    ConsoleClient.Page page = upload("land.csv", (ENGLISH + shop + toLandline).getBytes(StandardCharsets.UTF_8),
        "auto");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<td data-label=\"Line\">3</td>", "recipient.phone").doesNotContain("88886666");
    List<String> created = waybills(page);
    assertThat(created).hasSize(1);
    JsonNode s = svc.get("/v1/shipments/" + created.get(0), token).json();
    assertThat(s.at("/masked/sender/phone").asText()).isEqualTo("0571-******66");
  }

  @Test
  void badRow_isReportedByItsLine() {
    String bad = row("LINE-2").replace(",1200\n", ",heavy\n");
    ConsoleClient.Page page = upload("rows.csv", (ENGLISH + row("LINE-1") + bad).getBytes(StandardCharsets.UTF_8),
        "auto");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<td data-label=\"Line\">3</td>", "parcel.weightGrams");
    assertThat(waybills(page)).hasSize(1);
  }

  @Test
  void xlsxWorkbook_withChineseHeaders_andNumberCells_isRead() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(out, "test", "1.0")) {
      Worksheet ws = wb.newWorksheet("订单");
      String[] header = CHINESE.trim().split(",");
      String[] values = row("XLSX-1").trim().split(",");
      for (int c = 0; c < header.length; c++) {
        ws.value(0, c, header[c]);
        // Phones and weights as Excel keeps them when typed in: numbers.
        if (values[c].matches("\\d+")) {
          ws.value(1, c, Long.parseLong(values[c]));
        } else {
          ws.value(1, c, values[c]);
        }
      }
    }
    assertReadInChinese(upload("orders.xlsx", out.toByteArray(), "auto"));
  }

  @Test
  void workbookWithOneCellFarToTheRight_isRefusedBeforeItIsParsed() throws IOException {
    // One cell in column 16,384 makes the reader pad every row to that width: a small file, a huge heap.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(out, "test", "1.0")) {
      Worksheet ws = wb.newWorksheet("wide");
      String[] header = CHINESE.trim().split(",");
      for (int c = 0; c < header.length; c++) {
        ws.value(0, c, header[c]);
      }
      ws.value(0, 16_383, "x");
      for (int r = 1; r < 2_000; r++) {
        ws.value(r, 0, "r" + r);
      }
    }
    assertThat(out.size()).isLessThan(1 << 20);
    ConsoleClient.Page page = upload("wide.xlsx", out.toByteArray(), "auto");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("too large");
  }

  @Test
  void zipBomb_namedXlsx_isRefusedBeforeItIsParsed() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        zip.write(zeros); // 200 MB that deflate to about 200 kB
      }
      zip.closeEntry();
    }
    assertThat(out.size()).isLessThan(1 << 20);
    ConsoleClient.Page page = upload("bomb.xlsx", out.toByteArray(), "auto");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("too large");
  }

  @Test
  void apiBody_inGbk_isRefused_notStoredGarbled() throws Exception {
    // The API's import path is JSON, which is UTF-8 (RFC 8259): GBK bytes are a 400, whatever the charset says.
    byte[] body = org.parcelveil.http.Json.mapper().writeValueAsString(Fixtures.shipment("API-GBK")).getBytes(GBK);
    int before = svc.pv.shipments().ofMerchant(merchantId, 1000).size();
    var r = svc.sendBytes(java.net.http.HttpRequest.newBuilder(java.net.URI.create(svc.url("/v1/shipments")))
        .header("Content-Type", "application/json; charset=GBK")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)), token);
    assertThat(r.statusCode()).isEqualTo(400);
    String answer = new String(r.body(), StandardCharsets.UTF_8);
    for (String marker : Fixtures.MARKERS) {
      assertThat(answer).doesNotContain(marker);
    }
    assertThat(svc.pv.shipments().ofMerchant(merchantId, 1000)).hasSize(before);
  }

  @Test
  void template_carriesAUtf8ByteOrderMark() {
    console.get("/console/merchant/import");
    var t = console.getBytes("/console/merchant/import/template.csv");
    assertThat(t.statusCode()).isEqualTo(200);
    byte[] b = t.body();
    assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
  }
}
