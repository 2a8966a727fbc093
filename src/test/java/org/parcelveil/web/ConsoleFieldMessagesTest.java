package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.app.Fixtures;

/**
 * The new-shipment form's refusals: in the page's language beside each field (aria-invalid, aria-describedby) and
 * linked from a summary; values past a field's limit dropped without an echo while the rest of the form stays; a form
 * too large to read refused as a console page, not the API's JSON.
 */
class ConsoleFieldMessagesTest {
  private static TestService svc;
  private static final Map<String, byte[]> SECRETS = new HashMap<>();

  @BeforeAll
  static void start() {
    svc = TestService.start();
    Fixtures.network(svc);
    People.person(svc, "merchant", "Field Shop", null, "fieldshop");
    People.person(svc, "admin", "Field Admin", null, "fieldadmin");
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  private static Map<String, String> shipment() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("reference", "FIELD-1");
    f.put("sender_name", "Qfsender Shop");
    f.put("sender_phone", "13800001111");
    f.put("sender_province", "浙江省");
    f.put("sender_city", "杭州市");
    f.put("sender_district", "滨江区");
    f.put("sender_detail", "1号");
    f.put("recipient_name", "张三");
    f.put("recipient_phone", "13912345678");
    f.put("recipient_province", "浙江省");
    f.put("recipient_city", "杭州市");
    f.put("recipient_district", "西湖区");
    f.put("recipient_detail", "文三路90号");
    f.put("weight_grams", "500");
    return f;
  }

  @Test
  void badPhone_inChinese_isSaidBesideTheField_andLinkedFromTheSummary() {
    ConsoleClient c = signedIn();
    c.get("/console/lang/zh?back=/console/merchant/new");
    Map<String, String> f = shipment();
    f.put("recipient_phone", "12");
    f.put("weight_grams", "heavy");
    ConsoleClient.Page page = c.post("/console/merchant/new", f);
    assertThat(page.status()).isEqualTo(400);
    String body = page.body();
    assertThat(body).contains("id=\"recipient_phone\"").containsPattern(
        "id=\"recipient_phone\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"recipient_phone-error\"");
    assertThat(body).contains("<p class=\"field-error\" id=\"recipient_phone-error\">请填写大陆手机号");
    assertThat(body).containsPattern("id=\"weight_grams\"[^>]*aria-invalid=\"true\"")
        .contains("id=\"weight_grams-error\">请输入整数。");
    assertThat(body).contains("<a href=\"#recipient_phone\">收件人 · 电话")
        .contains("<a href=\"#weight_grams\">");
    // The API's English paths and rules stay out of a Chinese page; the fields that were right are kept.
    assertThat(body).doesNotContain("recipient.phone").doesNotContain("must be a").doesNotContain("whole number")
        .contains("value=\"文三路90号\"").contains("value=\"FIELD-1\"");
    assertThat(body).doesNotContainPattern("id=\"recipient_name\"[^>]*aria-invalid");
  }

  @Test
  void everyInputOfTheForm_hasAMaxlength_matchingTheApi() {
    ConsoleClient c = signedIn();
    String body = c.get("/console/merchant/new").body();
    var inputs = java.util.regex.Pattern.compile("<(input|textarea)\\b[^>]*>").matcher(body);
    int seen = 0;
    while (inputs.find()) {
      String tag = inputs.group();
      if (tag.contains("type=\"hidden\"") || tag.contains("type=\"checkbox\"")) {
        continue;
      }
      seen++;
      assertThat(tag).as("every input has a maxlength").containsPattern("maxlength=\"\\d+\"");
    }
    assertThat(seen).isGreaterThan(15);
    assertThat(body).containsPattern("id=\"recipient_detail\"[^>]*maxlength=\"200\"")
        .containsPattern("id=\"reference\"[^>]*maxlength=\"64\"");
  }

  @Test
  void aValuePastItsLimit_isRefusedBesideItsField_neverEchoed_andTheRestIsKept() {
    ConsoleClient c = signedIn();
    c.get("/console/merchant/new");
    Map<String, String> f = shipment();
    String marker = "Qzlong";
    f.put("recipient_detail", marker + "x".repeat(20_000));
    ConsoleClient.Page page = c.post("/console/merchant/new", f);
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).doesNotContain(marker).contains("id=\"recipient_detail-error\">Use at most 200 characters.")
        .contains("value=\"FIELD-1\"").contains("value=\"张三\"").contains("value=\"Qfsender Shop\"");
    assertThat(page.body().length()).isLessThan(200_000);
    assertThat(page.body()).doesNotContain("created-waybill");
  }

  @Test
  void aTenMegabyteValue_isA413ConsolePage_inThePagesLanguage_withoutTheValue() {
    ConsoleClient c = signedIn();
    c.get("/console/lang/zh?back=/console/merchant/new");
    Map<String, String> f = shipment();
    f.put("recipient_detail", "Qzhuge" + "A".repeat(10 * 1024 * 1024));
    long started = System.nanoTime();
    ConsoleClient.Page page = c.post("/console/merchant/new", f);
    assertThat(page.status()).isEqualTo(413);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(page.body()).contains("表单内容过大").doesNotContain("Qzhuge").doesNotContain("\"type\"");
    assertThat(page.body().length()).isLessThan(20_000);
    assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(5_000);
    // The session is still good: the next form is read as usual.
    assertThat(c.get("/console/merchant/new").status()).isEqualTo(200);
  }

  @Test
  void signedInPages_areNoStore() {
    ConsoleClient c = signedIn();
    for (String path : java.util.List.of("/console/merchant", "/console/merchant/new", "/console/merchant/import")) {
      ConsoleClient.Page p = c.get(path);
      assertThat(p.status()).as(path).isEqualTo(200);
      assertThat(p.header("Cache-Control")).as(path).isEqualTo("no-store");
    }
  }

  @Test
  void adminsNewPerson_courierAtAHub_isRefusedBesideTheStation_inChinese_keepingWhatWasTyped() {
    ConsoleClient c = new ConsoleClient(svc);
    People.signIn(c, svc, "fieldadmin", SECRETS);
    c.get("/console/lang/zh?back=/console/admin");
    ConsoleClient.Page page = c.post("/console/admin/principals",
        Map.of("role", "courier", "name", "Hub Rider", "stationCode", "HZH", "phone", ""));
    assertThat(page.status()).isEqualTo(400);
    String body = page.body();
    assertThat(body).containsPattern(
        "id=\"p-station\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"p-station-error p-station-hint\"");
    assertThat(body).contains("<p class=\"field-error\" id=\"p-station-error\">快递员在网点揽收和派送")
        .contains("<a href=\"#p-station\">");
    assertThat(body).doesNotContain("must be a station").doesNotContainPattern("id=\"p-name\"[^>]*aria-invalid");
    // What was typed stays, in the new-person form only (the new-station form has a name field too).
    assertThat(body).containsPattern("id=\"p-name\"[^>]*value=\"Hub Rider\"")
        .containsPattern("<option value=\"courier\" selected")
        .doesNotContainPattern("id=\"s-name\"[^>]*value=\"Hub Rider\"");
  }

  private static ConsoleClient signedIn() {
    ConsoleClient c = new ConsoleClient(svc);
    People.signIn(c, svc, "fieldshop", SECRETS);
    return c;
  }
}
