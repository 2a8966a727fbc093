package org.parcelveil.verify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.parcelveil.verify.BrushingWorld.Account;
import org.parcelveil.verify.BrushingWorld.District;
import org.parcelveil.verify.BrushingWorld.Merchant;

/** One parcel of the simulated day: who ships it where, what it weighs, and who scans it. */
final class Plan {
  /** How the parcel's scans are made: by the network's staff, or all by one insider account at the origin. */
  enum Chain { NORMAL, ONE_ACCOUNT }

  final Merchant merchant;
  final District to;
  final String phone;
  final int declared;
  final int measured;
  final Chain chain;
  final int index;
  @Nullable String waybill;
  @Nullable Account deliveryCourier;
  boolean delivered;

  Plan(int index, Merchant merchant, District to, String phone, int declared, int measured, Chain chain) {
    this.index = index;
    this.merchant = merchant;
    this.to = to;
    this.phone = phone;
    this.declared = declared;
    this.measured = measured;
    this.chain = chain;
  }

  District from() {
    return merchant.shop();
  }

  /** The shipment as the merchant creates it. */
  Map<String, Object> body(boolean cod) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("reference", "DAY-" + index);
    s.put("sender", party("店铺" + index, "1380000" + String.format("%04d", index % 10_000), from()));
    s.put("recipient", party("王小" + "明红刚丽".charAt(index % 4), phone, to));
    s.put("parcel", Map.of("weightGrams", declared));
    if (cod) {
      s.put("cod", Map.of("amountCents", 1_000 + (index * 37L) % 50_000, "currency", "CNY"));
    }
    return s;
  }

  private static Map<String, Object> party(String name, String phone, District d) {
    Map<String, Object> address = d.area(true);
    address.put("street", "某路" + (phone.hashCode() & 0xff) + "号");
    address.put("detail", "1单元");
    return Map.of("name", name, "phone", phone, "address", address);
  }

  /** A marketplace order to verify: which attack (or "genuine") it is, and what the platform sends. */
  record Ask(String kind, Account platform, String waybill, String orderId, Instant orderAt, District from,
      District to, @Nullable String phone, boolean districts) {

    Map<String, Object> body() {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("waybill", waybill);
      o.put("orderId", orderId);
      o.put("orderCreatedAt", orderAt.toString());
      o.put("origin", from.area(districts));
      o.put("destination", to.area(districts));
      if (phone != null) {
        o.put("recipientPhone", phone);
      }
      return o;
    }
  }
}
