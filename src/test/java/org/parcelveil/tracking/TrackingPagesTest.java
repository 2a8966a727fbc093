package org.parcelveil.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * The public pages: {@code /track} (form and result, in Chinese and English) and {@code /c/{token}}, which a
 * label's QR code opens. Server-rendered, no scripts, no third-party requests, nothing unmasked.
 */
class TrackingPagesTest {
  static TestService svc;
  static Parcels parcels;

  @BeforeAll
  static void start() {
    svc = Parcels.serviceWithGenerousTracking();
    parcels = new Parcels(svc);
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void form_isBilingual_selfContained_andNotCached() {
    TestService.Response r = svc.get("/track", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'").contains("style-src 'sha256-");
    assertThat(r.body()).contains("查询包裹", "Track a parcel", "name=\"viewport\"", "method=\"post\"");
    assertSelfContained(r.body());
  }

  @Test
  void root_leadsToTheTrackingPage() {
    TestService.Response r = svc.get("/", null);
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo("/track");
  }

  @Test
  void postedNumberAndDigits_showGenuineParcel_maskedRecipient_andCod() {
    String wb = parcels.create("P-1");
    parcels.toDestination(wb, 1200);
    TestService.Response r = post("waybill=" + wb + "&phoneLast4=4321");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains(wb, "真实运单号", "genuine waybill number", "运输中", "In transit", "杭州市",
        "Z**", "*******4321", "浙江省 杭州市 西湖区", "代收货款 ¥128.50", "Cash on delivery ¥128.50",
        "请拒收", "Refuse any cash-on-delivery parcel");
    // The hub and the station of one city by name, times in the network's zone with the offset.
    assertThat(r.body()).contains("到达 杭州市 Hangzhou hub（转运中心）", "Arrived at 杭州市 Xihu station (station)",
        "(UTC+08:00)");
    assertNothingPersonal(r.body());
    assertSelfContained(r.body());
  }

  @Test
  void numberWithoutDigits_showsTheJourney_andAsksForTheDigits() {
    String wb = parcels.create("P-2");
    TestService.Response r = svc.get("/track?waybill=" + wb, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("已下单", "name=\"phoneLast4\"").doesNotContain("Z**", "4321", "128.50");
    TestService.Response wrong = post("waybill=" + wb + "&phoneLast4=1111");
    assertThat(wrong.body()).contains("手机尾号与收件人不符", "may not be addressed to you").doesNotContain("Z**", "128.50");
  }

  @Test
  void noCod_saysThereIsNothingToPay() {
    String wb = parcels.createWithoutCod("P-3");
    String body = post("waybill=" + wb + "&phoneLast4=4321").body();
    assertThat(body).contains("无代收货款", "No cash on delivery", "Nothing is to be paid");
  }

  @Test
  void labelQr_opensTheGenuineParcelPage_andAnAlteredOneTheUnknownPage() {
    String wb = parcels.create("P-4");
    String token = svc.pv.shipmentLabels().tokens().issue(wb);
    TestService.Response r = svc.get("/c/" + token, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("正品包裹", "Genuine parcel", wb, "Z**", "*******4321", "¥128.50", "请核对收件人");
    assertNothingPersonal(r.body());
    assertSelfContained(r.body());

    char last = token.charAt(token.length() - 2);
    String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    TestService.Response bad = svc.get("/c/" + altered, null);
    TestService.Response madeUp = post("waybill=PV12345678901234X");
    char check = wb.charAt(wb.length() - 1);
    TestService.Response typo = post("waybill=" + wb.substring(0, wb.length() - 1) + (check == '0' ? '1' : '0'));
    for (TestService.Response u : List.of(bad, madeUp, typo, svc.get("/c/not-a-token", null))) {
      assertThat(u.status()).isEqualTo(404);
      assertThat(u.header("Content-Type")).startsWith("text/html");
      assertThat(u.body()).isEqualTo(bad.body()).contains("不是 ", "Not a parcel of").doesNotContain(wb);
    }
  }

  @Test
  void badForms_reRenderWithAMessage_andNeverEchoInput() {
    TestService.Response empty = post("");
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.body()).contains("请输入运单号");
    TestService.Response digits = post("waybill=PV1&phoneLast4=12%3Cb%3E");
    assertThat(digits.body()).contains("4 位数字").doesNotContain("<b>", "12&lt;b");
    TestService.Response script = post("waybill=" + URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8));
    assertThat(script.status()).isEqualTo(404);
    assertThat(script.body()).doesNotContain("<script>", "alert(1)");
  }

  @Test
  void escaping_coversEveryHtmlMetacharacter() {
    assertThat(Html.text("<a href=\"x\" title='y'>&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  }

  private static TestService.Response post(String form) {
    return svc.send(HttpRequest.newBuilder(URI.create(svc.url("/track")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)), null);
  }

  private static void assertNothingPersonal(String body) {
    for (String marker : Fixtures.MARKERS) {
      assertThat(body).as(marker).doesNotContain(marker);
    }
    assertThat(body).doesNotContain("HZ-BJ01", "HZH", "HZ-XH01", "Shop", "desk");
  }

  /** No scripts, no third-party requests: nothing on the page points anywhere but this origin. */
  private static void assertSelfContained(String body) {
    assertThat(body).doesNotContain("<script", "http://", "https://", "src=", "<link", "@import", "url(");
  }
}
