package org.parcelveil.tracking;

import static org.parcelveil.tracking.Html.both;
import static org.parcelveil.tracking.Html.text;

import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.parcelveil.subject.DisclosureHistory;
import org.parcelveil.vault.Masked;

/**
 * The public pages, server-rendered, in Chinese and English: the tracking form and result ({@code /track}), the
 * label check a QR code opens ({@code /c/{token}}), the unknown-parcel page and the slow-down page.
 */
final class TrackingPages {
  private final String carrier;
  private final Function<Instant, String> time;

  /** {@code time} formats a time for people: the network's zone, labelled with its offset. */
  TrackingPages(String carrier, Function<Instant, String> time) {
    this.carrier = carrier;
    this.time = time;
  }

  String form(@Nullable String error) {
    String content = "<h1>" + both("查询包裹", "Track a parcel") + "</h1>"
        + (error == null ? "" : "<p class=\"error\">" + error + "</p>") + searchForm();
    return Html.page("查询包裹 Track a parcel", carrier, content);
  }

  /** A parcel found by number, with or without the phone check. */
  String result(Tracked t) {
    StringBuilder c = new StringBuilder();
    c.append("<h1>").append(both("包裹 " + t.waybill(), "Parcel " + t.waybill())).append("</h1>");
    c.append("<section class=\"ok\"><p>").append(both("这是 " + carrier + " 签发的真实运单号。",
        "This is a genuine waybill number of " + carrier + ".")).append("</p><p><strong>")
        .append(Texts.state(t.state().name())).append("</strong></p></section>");
    switch (t.phoneCheck()) {
      case VERIFIED -> c.append("<section class=\"ok\"><p>").append(both("手机尾号验证通过：这个包裹是寄给您的。",
          "Phone digits confirmed: this parcel is addressed to you.")).append("</p>")
          .append(recipient(t.recipient())).append("</section>").append(cod(t)).append(seen(t));
      case WRONG -> c.append("<section class=\"warn\"><p>").append(both(
          "手机尾号与收件人不符，这个包裹可能不是寄给您的。请勿为它付款。",
          "The phone digits do not match the recipient: this parcel may not be addressed to you. Do not pay for it."))
          .append("</p></section>").append(phoneForm(t.waybill()));
      case UNAVAILABLE -> c.append("<section class=\"warn\"><p>").append(both(
          "收件人信息已按保留期限删除，无法再核对手机尾号。",
          "The recipient's details have been deleted at the end of their retention period; the phone digits can no "
              + "longer be checked.")).append("</p></section>");
      case NOT_ASKED -> c.append(phoneForm(t.waybill()));
    }
    c.append(events(t)).append(advice());
    return Html.page(t.waybill(), carrier, c.toString());
  }

  /** The page a label's QR code opens: the label is ours, so the parcel is genuine; what it holds and costs. */
  String label(Tracked t) {
    StringBuilder c = new StringBuilder();
    c.append("<h1>").append(both("正品包裹", "Genuine parcel")).append("</h1>");
    c.append("<section class=\"ok\"><p>").append(both("这张面单由 " + carrier + " 打印，单号 " + t.waybill() + "。",
        "This label was printed by " + carrier + ", waybill " + t.waybill() + ".")).append("</p><p>")
        .append(both("请核对收件人是否是您：", "Check that the recipient is you:")).append("</p>")
        .append(recipient(t.recipient())).append("<p><strong>").append(Texts.state(t.state().name()))
        .append("</strong></p></section>");
    c.append(cod(t)).append(events(t)).append(advice());
    return Html.page("正品包裹 Genuine parcel", carrier, c.toString());
  }

  /** Unknown, never issued, forged, or an altered QR code: one page for all. */
  String unknown() {
    String content = "<h1>" + both("不是 " + carrier + " 的包裹", "Not a parcel of " + carrier) + "</h1>"
        + "<section class=\"bad\"><p>" + both("这个单号或二维码不是 " + carrier + " 签发的。",
            "This number or QR code was not issued by " + carrier + ".") + "</p><p>"
        + both("如有人要求您为这个包裹付款，请拒收：这可能是诈骗。如果是您自己输入的单号，请检查是否输错。",
            "If anyone asks you to pay for this parcel, refuse it: it may be a scam. If you typed the number, "
                + "check it for typos.") + "</p></section>" + searchForm();
    return Html.page("不是本公司的包裹 Not our parcel", carrier, content);
  }

  String tooMany(long seconds) {
    String content = "<h1>" + both("查询太频繁", "Too many look-ups") + "</h1><section class=\"warn\"><p>"
        + both("请 " + seconds + " 秒后再试。", "Please try again in " + seconds + " seconds.") + "</p></section>";
    return Html.page("请稍后再试 Try again later", carrier, content);
  }

  private String searchForm() {
    return "<section><form method=\"post\" action=\"/track\">"
        + "<label for=\"waybill\">" + both("运单号", "Waybill number") + "</label>"
        + "<input id=\"waybill\" name=\"waybill\" required maxlength=\"40\" autocomplete=\"off\" "
        + "autocapitalize=\"characters\" spellcheck=\"false\">"
        + digitsInput(false)
        + "<button type=\"submit\">" + both("查询", "Track") + "</button></form></section>";
  }

  private String phoneForm(String waybill) {
    return "<section><p>" + both("输入收件人手机号后四位，查看收件人和代收货款金额，确认包裹是寄给您的。",
        "Enter the last four digits of the recipient's phone to see the recipient and the cash-on-delivery amount, "
            + "and to confirm the parcel is addressed to you.") + "</p>"
        + "<form method=\"post\" action=\"/track\"><input type=\"hidden\" name=\"waybill\" value=\"" + text(waybill)
        + "\">" + digitsInput(true)
        + "<button type=\"submit\">" + both("验证", "Check") + "</button></form></section>";
  }

  private static String digitsInput(boolean required) {
    return "<label for=\"phoneLast4\">" + both("收件人手机尾号（4 位" + (required ? "）" : "，选填）"),
        "Recipient's phone, last 4 digits" + (required ? "" : " (optional)")) + "</label><input id=\"phoneLast4\" name=\"phoneLast4\" "
        + "inputmode=\"numeric\" pattern=\"[0-9]{4}\" maxlength=\"4\" autocomplete=\"off\""
        + (required ? " required" : "") + ">";
  }

  private static String recipient(@Nullable Masked m) {
    if (m == null) {
      return "<p>" + both("收件人信息已过保留期限。", "The recipient's details have passed their retention period.")
          + "</p>";
    }
    return "<dl><dt>" + both("收件人", "Recipient") + "</dt><dd>" + text(m.name()) + " " + text(m.phone())
        + "</dd><dt>" + both("地区", "Area") + "</dt><dd>" + text(m.area()) + "</dd></dl>";
  }

  private static String cod(Tracked t) {
    if (t.cod() == null) {
      return "<section class=\"ok\"><p class=\"amount\">" + both("无代收货款", "No cash on delivery") + "</p><p>"
          + both("这个包裹无需向快递员付任何款。如有人要求您付款，请拒收并联系我们。",
              "Nothing is to be paid for this parcel. If anyone asks you to pay, refuse it and contact us.")
          + "</p></section>";
    }
    String amount = Texts.money(t.cod());
    return "<section class=\"warn\"><p class=\"amount\">" + both("代收货款 " + amount, "Cash on delivery " + amount)
        + "</p><p>" + both("这是寄件人申报的金额。只有在您确实订购了这件商品、且金额一致时才付款。",
            "This is the amount the sender declared. Pay only if you ordered these goods and the amount is the same.")
        + "</p></section>";
  }

  /** "Who saw my data": every logged disclosure or refusal of the recipient's details, newest first. */
  private String seen(Tracked t) {
    DisclosureHistory.History h = t.disclosures();
    if (h == null) {
      return "";
    }
    StringBuilder b = new StringBuilder("<section><h2>").append(both("谁查看过我的信息", "Who saw my data"))
        .append("</h2><p>").append(both(
            "每一次查看或试图查看您作为收件人的信息，都先记入一份防篡改的日志，最新的在前。工作人员只显示代号，同一个人的代号始终相同。",
            "Every time anyone saw, or tried to see, your details as recipient, it was first written to a "
                + "tamper-evident log; newest first. Staff are shown by a code name, the same for the same person."))
        .append("</p>");
    if (h.entries().isEmpty()) {
      return b.append("<p>").append(both("还没有人查看过您的信息。", "No one has seen your details.")).append("</p></section>")
          .toString();
    }
    b.append("<ol>");
    for (DisclosureHistory.Disclosure d : h.entries()) {
      b.append("<li>").append(Texts.disclosure(d.role(), d.principal(), d.station(), d.action(), d.purpose(),
          d.outcome(), d.reason())).append("<time datetime=\"").append(d.time()).append("\">")
          .append(text(time.apply(d.time()))).append("</time> ")
          .append(both("日志条目 " + d.index(), "log entry " + d.index())).append("</li>");
    }
    return b.append("</ol><p>").append(both(
        "用 API 下载这份记录（GET /v1/track/单号?phoneLast4=尾号），任何人都能用公布的公钥离线核验每一条都在日志中。",
        "Download this list through the API (GET /v1/track/NUMBER?phoneLast4=DIGITS) and anyone can check offline, "
            + "with the published key, that each entry is in the log.")).append("</p></section>").toString();
  }

  private String events(Tracked t) {
    StringBuilder b = new StringBuilder("<section><h2>").append(both("物流记录", "Tracking history"))
        .append("</h2><ol>");
    for (int i = t.events().size() - 1; i >= 0; i--) {
      Tracked.Event e = t.events().get(i);
      b.append("<li>").append(Texts.event(e.type(), e.city(), e.place(), e.kind(), e.reason()))
          .append("<time datetime=\"").append(e.at()).append("\">").append(text(time.apply(e.at())))
          .append("</time></li>");
    }
    if (t.events().isEmpty()) {
      b.append("<li>").append(both("暂无物流记录", "No events yet")).append("</li>");
    }
    return b.append("</ol></section>").toString();
  }

  private static String advice() {
    return "<section><p>" + both("收到没有订购的货到付款包裹？请拒收。诈骗者会寄出廉价物品，在派送时收取货款。",
        "Refuse any cash-on-delivery parcel you did not order: scammers send cheap goods and collect the money on "
            + "delivery.") + "</p></section>";
  }
}
