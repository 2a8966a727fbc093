package org.parcelveil.tracking;

import java.util.Currency;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.parcelveil.shipment.Cod;

/** The bilingual words of the public pages: states, events and money. */
final class Texts {
  private static final Map<String, String[]> STATES = Map.ofEntries(
      Map.entry("CREATED", new String[] {"已下单，等待揽收", "Label created, awaiting pickup"}),
      Map.entry("PICKED_UP", new String[] {"已揽收", "Picked up"}),
      Map.entry("DROPPED_OFF", new String[] {"已在网点交寄", "Handed in at the station"}),
      Map.entry("IN_TRANSIT", new String[] {"运输中", "In transit"}),
      Map.entry("OUT_FOR_DELIVERY", new String[] {"派送中", "Out for delivery"}),
      Map.entry("DELIVERED", new String[] {"已签收", "Delivered"}),
      Map.entry("DELIVERY_FAILED", new String[] {"派送未成功", "Delivery attempt failed"}),
      Map.entry("RETURNED", new String[] {"已退回寄件人", "Returned to sender"}),
      Map.entry("CANCELLED", new String[] {"已取消，此运单号作废", "Cancelled: this waybill number is void"}),
      Map.entry("AT_PICKUP_POINT", new String[] {"待取件", "Waiting at a pickup point"}),
      Map.entry("ON_HOLD", new String[] {"客服已暂停派送，包裹暂存", "Held by customer support: delivery paused"}));
  private static final Map<String, String[]> EVENTS = Map.ofEntries(
      Map.entry("PICKUP_ASSIGNED", new String[] {"已安排快递员揽收", "Pickup scheduled"}),
      Map.entry("PICKED_UP", new String[] {"快递员已揽收", "Picked up"}),
      Map.entry("DROPPED_OFF", new String[] {"商家已在网点交寄", "Handed in by the shop at"}),
      Map.entry("ARRIVED", new String[] {"到达", "Arrived at"}),
      Map.entry("DEPARTED", new String[] {"离开", "Departed from"}),
      Map.entry("OUT_FOR_DELIVERY", new String[] {"派送中", "Out for delivery"}),
      Map.entry("DELIVERED", new String[] {"已签收", "Delivered"}),
      Map.entry("DELIVERY_FAILED", new String[] {"派送未成功", "Delivery attempt failed"}),
      Map.entry("RETURNED", new String[] {"已退回", "Returned"}),
      Map.entry("CANCELLED", new String[] {"商家已取消运单", "Cancelled by the shop"}),
      Map.entry("AT_PICKUP_POINT", new String[] {"已到达取件点，取件码已发送", "At a pickup point: pickup code sent"}),
      Map.entry("INTERCEPTED",
          new String[] {"客服应要求拦截包裹，暂停派送", "Stopped by customer support: delivery paused"}),
      Map.entry("HELD_AT_STATION", new String[] {"客服安排包裹暂存网点", "Held at the station by customer support"}),
      Map.entry("REDIRECTED", new String[] {"客服已改派至", "Redirected by customer support to"}));

  /** A failed attempt's reason in words: what happened to the parcel, never who the person was. */
  private static final Map<String, String[]> REASONS = Map.of(
      "ABSENT", new String[] {"无人签收", "nobody was there to take it"},
      "REFUSED", new String[] {"收件人拒收", "refused"},
      "ADDRESS_WRONG", new String[] {"地址有误", "the address could not be found"},
      "DAMAGED", new String[] {"包裹破损", "the parcel is damaged"},
      "MISROUTED", new String[] {"包裹分拣错误，将转运至正确网点", "the parcel went to the wrong station and is sent on"},
      "OTHER", new String[] {"其他原因", "another reason"});

  private static final Map<String, String[]> ROLES = Map.of(
      "courier", new String[] {"快递员", "A courier"},
      "station", new String[] {"网点工作人员", "Station staff"},
      "support", new String[] {"客服", "Customer support"},
      "security", new String[] {"安全团队", "The security team"},
      "admin", new String[] {"管理员", "An administrator"},
      "merchant", new String[] {"商家", "The shop"},
      "platform", new String[] {"电商平台", "The marketplace"},
      "subject", new String[] {"凭手机验证码登录的人", "Someone signed in with a code sent to a phone"},
      "system", new String[] {"系统", "The system"});
  private static final Map<String, String[]> ACTIONS = Map.of(
      "reveal", new String[] {"请求查看您的姓名、电话和地址", "asked to see your name, phone and address"},
      "contact", new String[] {"请求通过隐私号码联系您", "asked to call you through a masked number"},
      "relay.route", new String[] {"拨打隐私号码，请求接通您的电话", "called the masked number to reach your phone"},
      "subject.export", new String[] {"导出了您的个人信息", "exported your personal data"},
      "subject.erase", new String[] {"请求删除这个包裹的个人信息", "asked to erase this parcel's personal data"},
      "attribution.match", new String[] {"在泄露调查中将一份泄露名单与您的信息比对吻合",
          "found your details in a leaked list during a leak investigation"});
  private static final Map<String, String[]> PURPOSES = Map.of(
      "DELIVERY", new String[] {"为派送", "for delivery"},
      "PICKUP", new String[] {"为揽收", "for pickup"},
      "SUPPORT", new String[] {"为处理客服工单", "for a support ticket"},
      "SUBJECT_ACCESS", new String[] {"应个人信息请求", "at a personal-data request"});

  private Texts() {}

  /**
   * One disclosure in plain words, e.g. 快递员（网点 HZ-XH01，代号 pn_…）为派送请求查看您的姓名、电话和地址：已允许 /
   * A courier (station HZ-XH01, known as pn_…) asked to see your name, phone and address for delivery: allowed.
   */
  static String disclosure(String role, String pseudonym, @Nullable String station, String action,
      @Nullable String purpose, String outcome, @Nullable String reason) {
    String[] who = ROLES.getOrDefault(role, new String[] {role, role});
    String[] what = ACTIONS.getOrDefault(action, new String[] {action, action});
    String[] why = purpose == null ? new String[] {"", ""} : PURPOSES.getOrDefault(purpose, new String[] {purpose, purpose});
    boolean allowed = "allowed".equals(outcome);
    String zh = who[0] + "（" + (station == null ? "" : "网点 " + station + "，") + "代号 " + pseudonym + "）" + why[0]
        + what[0] + "：" + (allowed ? "已允许" : "已拒绝" + (reason == null ? "" : "（" + reason + "）"));
    String en = who[1] + " (" + (station == null ? "" : "station " + station + ", ") + "known as " + pseudonym + ") "
        + what[1] + (why[1].isEmpty() ? "" : " " + why[1]) + ": "
        + (allowed ? "allowed" : "refused" + (reason == null ? "" : " (" + reason + ")"));
    return Html.both(zh, en);
  }

  static String state(String state) {
    String[] t = STATES.getOrDefault(state, new String[] {state, state});
    return Html.both(t[0], t[1]);
  }

  /**
   * An event with its city and the public name of the station or hub, e.g. 到达 杭州市 Hangzhou hub（转运中心）/
   * Arrived at 杭州市 Hangzhou hub (hub): a hub and a station in one city no longer read the same; a failed attempt
   * with its reason, e.g. 派送未成功 杭州市 …（收件人拒收）/ Delivery attempt failed … (refused).
   */
  static String event(String type, @Nullable String city, @Nullable String place, @Nullable String kind,
      @Nullable String reason) {
    String[] t = EVENTS.getOrDefault(type, new String[] {type, type});
    String where = city == null ? "" : " " + city;
    String zh = where;
    String en = where;
    if (place != null) {
      boolean hub = "HUB".equals(kind);
      zh = where + " " + place + (hub ? "（转运中心）" : "（网点）");
      en = where + " " + place + (hub ? " (hub)" : " (station)");
    }
    String[] why = reason == null ? null : REASONS.get(reason);
    return why == null ? Html.both(t[0] + zh, t[1] + en)
        : Html.both(t[0] + zh + "（" + why[0] + "）", t[1] + en + " (" + why[1] + ")");
  }

  /** {@code ¥128.50} for yuan, {@code USD 12.50} otherwise, in the currency's minor units. */
  static String money(Cod cod) {
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(cod.currency()).getDefaultFractionDigits());
    } catch (IllegalArgumentException e) {
      digits = 2;
    }
    java.math.BigDecimal amount = java.math.BigDecimal.valueOf(cod.amountCents(), digits);
    return ("CNY".equals(cod.currency()) ? "¥" : cod.currency() + " ") + amount.toPlainString();
  }
}
