package org.parcelveil.tracking;

import java.util.Currency;
import java.util.Map;
import org.parcelveil.shipment.Cod;

/** The bilingual words of the public pages: states, events and money. */
final class Texts {
  private static final Map<String, String[]> STATES = Map.of(
      "CREATED", new String[] {"已下单，等待揽收", "Label created, awaiting pickup"},
      "PICKED_UP", new String[] {"已揽收", "Picked up"},
      "IN_TRANSIT", new String[] {"运输中", "In transit"},
      "OUT_FOR_DELIVERY", new String[] {"派送中", "Out for delivery"},
      "DELIVERED", new String[] {"已签收", "Delivered"},
      "DELIVERY_FAILED", new String[] {"派送未成功", "Delivery attempt failed"},
      "RETURNED", new String[] {"已退回寄件人", "Returned to sender"});
  private static final Map<String, String[]> EVENTS = Map.of(
      "PICKUP_ASSIGNED", new String[] {"已安排快递员揽收", "Pickup scheduled"},
      "PICKED_UP", new String[] {"快递员已揽收", "Picked up"},
      "ARRIVED", new String[] {"到达", "Arrived at"},
      "DEPARTED", new String[] {"离开", "Departed from"},
      "OUT_FOR_DELIVERY", new String[] {"派送中", "Out for delivery"},
      "DELIVERED", new String[] {"已签收", "Delivered"},
      "DELIVERY_FAILED", new String[] {"派送未成功", "Delivery attempt failed"},
      "RETURNED", new String[] {"已退回", "Returned"});

  private Texts() {}

  static String state(String state) {
    String[] t = STATES.getOrDefault(state, new String[] {state, state});
    return Html.both(t[0], t[1]);
  }

  /** An event with its city, e.g. 到达 杭州市 / Arrived at 杭州市. */
  static String event(String type, String city) {
    String[] t = EVENTS.getOrDefault(type, new String[] {type, type});
    String where = city == null ? "" : " " + city;
    return Html.both(t[0] + where, t[1] + where);
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
