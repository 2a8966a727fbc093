package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * The console's new-shipment form and the merchant's senders: the typed sender is kept for the next shipment,
 * saved as the default it prefills the form on the next visit, and a saved sender can be chosen instead of typing.
 */
class SenderFormTest {
  static final Pattern OPTION = Pattern.compile("<option value=\"(snd_[A-Za-z0-9_-]+)\"");

  static Map<String, String> shipment(String reference) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("reference", reference);
    f.put("recipient_name", "Zqmarkname 张三");
    f.put("recipient_phone", Fixtures.MARK_PHONE);
    f.put("recipient_province", "浙江省");
    f.put("recipient_city", "杭州市");
    f.put("recipient_district", "西湖区");
    f.put("recipient_detail", "Markroom 1204");
    f.put("weight_grams", "1200");
    return f;
  }

  static Map<String, String> typedSender(Map<String, String> f) {
    f.put("sender_name", "Qxsender 茶叶店");
    f.put("sender_phone", "13800001111");
    f.put("sender_province", "浙江省");
    f.put("sender_city", "杭州市");
    f.put("sender_district", "滨江区");
    f.put("sender_detail", "江南大道1号 3楼");
    return f;
  }

  @Test
  void formRemembersTheSender_savesItAsDefault_andOffersSavedSenders() {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      var m = People.personWithToken(svc, "merchant", "Tea shop", null, "teashop");
      ConsoleClient c = new ConsoleClient(svc);
      People.signIn(c, svc, "teashop", new HashMap<>());

      ConsoleClient.Page fresh = c.get("/console/merchant/new");
      assertThat(fresh.status()).isEqualTo(200);
      assertThat(fresh.body()).contains("id=\"sender-part\"").doesNotContain("id=\"sender_id\"");
      assertThat(fresh.body()).contains("id=\"sender_name\" name=\"sender_name\" value=\"\"");

      // A shipment with the sender typed, to be kept as the default.
      Map<String, String> first = typedSender(shipment("FORM-1"));
      first.put("sender_default", "on");
      ConsoleClient.Page created = c.post("/console/merchant/new", first);
      assertThat(created.status()).as(created.body()).isEqualTo(200);
      assertThat(created.body()).contains("id=\"created-waybill\"");
      // The same page keeps the sender for the next shipment, not the recipient.
      assertThat(created.body()).contains("value=\"Qxsender 茶叶店\"").doesNotContain("value=\"Zqmarkname 张三\"");

      // A new visit: prefilled with the default sender, which the select offers.
      ConsoleClient.Page next = c.get("/console/merchant/new");
      assertThat(next.body()).contains("id=\"sender_name\" name=\"sender_name\" value=\"Qxsender 茶叶店\"",
          "value=\"江南大道1号 3楼\"", "id=\"sender_id\"");
      Matcher option = OPTION.matcher(next.body());
      assertThat(option.find()).isTrue();
      String saved = option.group(1);
      assertThat(svc.get("/v1/senders", m.token()).json().get("items").get(0).get("isDefault").asBoolean()).isTrue();

      // Choosing the saved sender, nothing typed.
      Map<String, String> second = shipment("FORM-2");
      second.put("sender_id", saved);
      ConsoleClient.Page chosen = c.post("/console/merchant/new", second);
      assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
      assertThat(chosen.body()).contains("id=\"created-waybill\"");
      assertThat(chosen.body()).containsPattern("<option value=\"" + saved + "\" selected");

      // A sender id the merchant does not have is a field error, and nothing is created.
      int before = svc.pv.shipments().ofMerchant(m.principal().id(), 100).size();
      Map<String, String> forged = shipment("FORM-3");
      forged.put("sender_id", "snd_AAAAAAAAAAAAAAAAAAAAAA");
      ConsoleClient.Page refused = c.post("/console/merchant/new", forged);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("is not one of your saved senders");
      assertThat(svc.pv.shipments().ofMerchant(m.principal().id(), 100)).hasSize(before);
    }
  }

  @Test
  void formOffersThePayment_andTheShipmentCarriesTheOneChosen() {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      var m = People.personWithToken(svc, "merchant", "Tea shop", null, "teashop");
      ConsoleClient c = new ConsoleClient(svc);
      People.signIn(c, svc, "teashop", new HashMap<>());
      assertThat(c.get("/console/merchant/new").body()).contains("<select id=\"payment\" name=\"payment\">",
          "<option value=\"SENDER\" selected>", "<option value=\"RECIPIENT\">", "<option value=\"MONTHLY\">");

      Map<String, String> collect = typedSender(shipment("PAY-1"));
      collect.put("payment", "RECIPIENT");
      ConsoleClient.Page created = c.post("/console/merchant/new", collect);
      assertThat(created.status()).as(created.body()).isEqualTo(200);
      Matcher wb = Pattern.compile("id=\"created-waybill\">([^<]+)<").matcher(created.body());
      assertThat(wb.find()).isTrue();
      assertThat(svc.get("/v1/shipments/" + wb.group(1), m.token()).json().get("payment").asText())
          .isEqualTo("RECIPIENT");

      Map<String, String> unknown = typedSender(shipment("PAY-2"));
      unknown.put("payment", "CASH");
      ConsoleClient.Page refused = c.post("/console/merchant/new", unknown);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("payment");
    }
  }
}
