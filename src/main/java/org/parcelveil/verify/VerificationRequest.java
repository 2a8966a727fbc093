package org.parcelveil.verify;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.parcelveil.validation.Check;
import org.parcelveil.vault.Phone;

/** {@code POST /v1/verifications} as the platform sends it. */
public record VerificationRequest(String waybill, String orderId, String orderCreatedAt, AreaBody origin,
    AreaBody destination, String recipientPhone) {

  /** A platform's order id, wherever one is given: verifications, sealed recipients, registered orders. */
  public static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_.:/#-]{1,64}");

  /** {@code {province, city, district?}}. */
  public record AreaBody(String province, String city, String district) {}

  @Override
  public String toString() {
    return "VerificationRequest[" + orderId + ", phone=[REDACTED]]";
  }

  /** The validated order; every bad field is reported at once, by name, never by value. */
  Order validate(Instant now, Duration skew) {
    Check check = new Check();
    if (waybill == null || waybill.isBlank()) {
      check.fail("waybill", "is required");
    } else if (waybill.length() > 64) {
      check.fail("waybill", "must have at most 64 characters");
    }
    if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
      check.fail("orderId", "must be 1 to 64 letters, digits or _ . : / # -");
    }
    Instant created = parseTime(check, now, skew);
    OrderArea from = area(check, "origin", origin);
    OrderArea to = area(check, "destination", destination);
    Phone phone = recipientPhone == null ? null : check.nested("", () -> Phone.parse("recipientPhone", recipientPhone));
    check.throwIfInvalid();
    return new Order(waybill.strip(), orderId, created, from, to, phone);
  }

  private Instant parseTime(Check check, Instant now, Duration skew) {
    if (orderCreatedAt == null) {
      check.fail("orderCreatedAt", "is required");
      return null;
    }
    try {
      Instant t = OffsetDateTime.parse(orderCreatedAt).toInstant();
      if (t.isAfter(now.plus(skew))) {
        check.fail("orderCreatedAt", "must not be in the future");
      }
      return t;
    } catch (DateTimeParseException e) {
      check.fail("orderCreatedAt", "must be an RFC 3339 time such as 2026-11-29T08:00:00Z");
      return null;
    }
  }

  private static OrderArea area(Check check, String field, AreaBody a) {
    if (a == null) {
      check.fail(field, "is required");
      return null;
    }
    String province = check.text(field + ".province", a.province(), 1, 32);
    String city = check.text(field + ".city", a.city(), 1, 32);
    String district = a.district() == null ? null : check.text(field + ".district", a.district(), 1, 32);
    return province == null || city == null ? null : new OrderArea(province, city, district);
  }
}
