package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/** The new-shipment form's paste box (server-side, no script needed) and its area checks. */
class ConsoleAddressTest {
  private static TestService svc;
  private static final Map<String, byte[]> SECRETS = new HashMap<>();
  private static String shopId;

  @BeforeAll
  static void start() {
    svc = TestService.start();
    Fixtures.network(svc);
    shopId = People.person(svc, "merchant", "Paste Shop", null, "pasteshop");
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  private static Map<String, String> sender() {
    Map<String, String> f = new HashMap<>();
    f.put("reference", "PASTE-1");
    f.put("sender_name", "Qxsender Shop");
    f.put("sender_phone", "13800001111");
    f.put("sender_province", "浙江省");
    f.put("sender_city", "杭州市");
    f.put("sender_district", "滨江区");
    f.put("sender_detail", "1号");
    f.put("weight_grams", "500");
    return f;
  }

  @Test
  void pastedLine_fillsTheRecipientFields_keepsTheTypedOnes_andCreatesNothing() {
    ConsoleClient c = signedIn();
    ConsoleClient.Page form = c.get("/console/merchant/new");
    assertThat(form.body()).contains("name=\"recipient_paste\"").contains("name=\"sender_paste\"")
        .contains("<datalist id=\"provinces\">").contains("<option value=\"浙江省\">");
    Map<String, String> f = sender();
    f.put("parse", "recipient");
    f.put("recipient_paste", "收件人：张三，+86 139 1234 5678，浙江杭州西湖区文三路90号2栋1204室 火星人");
    ConsoleClient.Page filled = c.post("/console/merchant/new", f);
    assertThat(filled.status()).as(filled.body()).isEqualTo(200);
    assertThat(filled.body())
        .contains("id=\"recipient_name\" name=\"recipient_name\" value=\"张三\"")
        .contains("name=\"recipient_phone\" value=\"13912345678\"")
        .contains("name=\"recipient_province\" value=\"浙江省\"")
        .contains("name=\"recipient_city\" value=\"杭州市\"")
        .contains("name=\"recipient_district\" value=\"西湖区\"")
        .contains("name=\"recipient_street\" value=\"文三路90号\"")
        .contains("name=\"recipient_detail\" value=\"2栋1204室\"")
        .contains("name=\"sender_name\" value=\"Qxsender Shop\"")
        .contains(">火星人</textarea>")
        .doesNotContain("created-waybill");
    assertThat(svc.pv.shipments().ofMerchant(shopId, 10)).extracting(org.parcelveil.shipment.Shipment::reference)
        .doesNotContain("PASTE-1");
  }

  @Test
  void senderPaste_fillsTheSender() {
    ConsoleClient c = signedIn();
    c.get("/console/merchant/new");
    Map<String, String> f = new HashMap<>();
    f.put("parse", "sender");
    f.put("sender_paste", "李四 0571-88886666 浙江省杭州市滨江区江南大道3888号");
    ConsoleClient.Page filled = c.post("/console/merchant/new", f);
    assertThat(filled.status()).isEqualTo(200);
    assertThat(filled.body()).contains("name=\"sender_name\" value=\"李四\"")
        .contains("name=\"sender_district\" value=\"滨江区\"");
  }

  @Test
  void unknownAndUnservedAreas_areRefusedOnTheForm_namingTheField() {
    ConsoleClient c = signedIn();
    c.get("/console/merchant/new");
    Map<String, String> f = sender();
    f.put("recipient_name", "张三");
    f.put("recipient_phone", "13912345678");
    f.put("recipient_province", "火星省");
    f.put("recipient_city", "火星市");
    f.put("recipient_district", "奥林匹斯区");
    f.put("recipient_detail", "1号");
    ConsoleClient.Page unknown = c.post("/console/merchant/new", f);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("<a href=\"#recipient_province\">Recipient · Province: Not a province")
        .containsPattern("id=\"recipient_province\"[^>]*aria-invalid=\"true\"");
    f.put("recipient_province", "浙江");
    f.put("recipient_city", "杭州");
    f.put("recipient_district", "上城");
    ConsoleClient.Page unserved = c.post("/console/merchant/new", f);
    assertThat(unserved.status()).isEqualTo(422);
    assertThat(unserved.body()).contains("id=\"recipient_district-error\">Our network does not deliver")
        .doesNotContain("UNROUTED");
    f.put("recipient_district", "西湖");
    f.put("reference", "PASTE-CREATE");
    ConsoleClient.Page created = c.post("/console/merchant/new", f);
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body()).contains("created-waybill").contains("浙江省 杭州市 西湖区").contains("HZH-HZ-XH01");
  }

  private static ConsoleClient signedIn() {
    ConsoleClient c = new ConsoleClient(svc);
    People.signIn(c, svc, "pasteshop", SECRETS);
    return c;
  }
}
