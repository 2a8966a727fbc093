package org.parcelveil.web.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.parcelveil.shipment.Payment;
import org.parcelveil.shipment.RecipientInput;
import org.parcelveil.shipment.ShipmentRequest;
import org.parcelveil.validation.FieldError;
import org.parcelveil.web.FormLimits;
import org.parcelveil.vault.PersonInput;

/**
 * A shipment as typed into the console's form or a CSV row: flat text fields turned into the API's request. Numbers
 * that do not parse become field errors, reported together with the shipment's own validation.
 */
final class ShipmentForm {
  /** The flat field names, shared by the form and the CSV header. */
  static final List<String> FIELDS = List.of("reference",
      "sender_name", "sender_phone", "sender_province", "sender_city", "sender_district", "sender_street",
      "sender_detail",
      "recipient_name", "recipient_phone", "recipient_province", "recipient_city", "recipient_district",
      "recipient_street", "recipient_detail",
      "weight_grams", "length_cm", "width_cm", "height_cm", "cod_amount", "cod_currency", "payment");
  /**
   * A recipient as a marketplace gave it, instead of the plain recipient columns: a sealed value with its platform
   * and order id, or a registered order's handle. CSV columns only: the shop copies them from the platform's export.
   */
  static final List<String> SEALED_FIELDS = List.of("recipient_sealed", "recipient_platform", "recipient_order_id",
      "recipient_order");

  /** The form's choice of a saved sender (the console's select); not a CSV column. */
  static final String SENDER_ID = "sender_id";
  /** The sender's own fields, which the form remembers after a shipment. */
  static final List<String> SENDER_FIELDS = FIELDS.stream().filter(f -> f.startsWith("sender_")).toList();

  /**
   * The API's limits as the form's {@code maxlength}s (characters): names 64, phones 32, areas 32, street 100, detail
   * 200, reference 64; whole numbers of at most 6 digits (100,000 g), an amount such as {@code 100000.00}.
   */
  static final FormLimits LIMITS = new FormLimits(limits(), 64);
  /** Every field the form posts that has a limit: its fields, the paste boxes and the saved sender's choice. */
  static final List<String> LIMITED = java.util.stream.Stream.concat(FIELDS.stream(),
      java.util.stream.Stream.of("sender_paste", "recipient_paste", SENDER_ID)).toList();

  private static Map<String, Integer> limits() {
    Map<String, Integer> m = new java.util.HashMap<>();
    for (String who : List.of("sender", "recipient")) {
      m.put(who + "_name", 64);
      m.put(who + "_phone", 32);
      List.of("province", "city", "district").forEach(f -> m.put(who + "_" + f, 32));
      m.put(who + "_street", 100);
      m.put(who + "_detail", 200);
      m.put(who + "_paste", org.parcelveil.address.AddressParser.MAX_LENGTH);
    }
    m.put("reference", 64);
    m.put("weight_grams", 6);
    List.of("length_cm", "width_cm", "height_cm").forEach(f -> m.put(f, 3));
    m.put("cod_amount", 12);
    m.put("cod_currency", 3);
    m.put("payment", 16);
    return Map.copyOf(m);
  }

  private ShipmentForm() {}

  /** The request, and the errors of fields that did not even parse. */
  record Parsed(ShipmentRequest request, List<FieldError> errors) {}

  static Parsed parse(Function<String, String> field) {
    List<FieldError> errors = new ArrayList<>();
    ShipmentRequest.ParcelInput parcel = new ShipmentRequest.ParcelInput(
        integer(field, "weight_grams", "parcel.weightGrams", errors),
        integer(field, "length_cm", "parcel.lengthCm", errors),
        integer(field, "width_cm", "parcel.widthCm", errors),
        integer(field, "height_cm", "parcel.heightCm", errors));
    ShipmentRequest.CodInput cod = null;
    try {
      Long cents = Money.cents(field.apply("cod_amount"));
      if (cents != null) {
        String currency = blankToNull(field.apply("cod_currency"));
        cod = new ShipmentRequest.CodInput(cents, currency == null ? "CNY" : currency);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      errors.add(new FieldError("cod.amountCents", "must be an amount such as 128.50"));
    }
    return new Parsed(new ShipmentRequest(blankToNull(field.apply("reference")), sender(field), recipient(field),
        parcel, cod, blankToNull(field.apply(SENDER_ID)), payment(field.apply("payment"))), errors);
  }

  /** The payment as the API names it; a CSV may give the label's own words (寄付, 到付, 月结). */
  private static String payment(String value) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    for (Payment p : Payment.values()) {
      if (p.chinese().equals(v.strip())) {
        return p.name();
      }
    }
    return v;
  }

  /**
   * The typed sender; none when a saved one is chosen ({@link #SENDER_ID}) or no sender field is filled in (a CSV
   * without sender columns): then the shipment takes the named or the default saved sender.
   */
  private static PersonInput sender(Function<String, String> field) {
    if (blankToNull(field.apply(SENDER_ID)) != null
        || SENDER_FIELDS.stream().allMatch(f -> blankToNull(field.apply(f)) == null)) {
      return null;
    }
    return person(field, "sender");
  }

  /** The typed values keyed by field, to fill the form again after an error. */
  static Map<String, String> values(Function<String, String> field) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String f : java.util.stream.Stream.concat(FIELDS.stream(), java.util.stream.Stream.of(SENDER_ID)).toList()) {
      String v = field.apply(f);
      m.put(f, v == null ? "" : v);
    }
    return m;
  }

  /**
   * The recipient in plain, or as a marketplace gave it: {@code recipient_sealed} with {@code recipient_platform}
   * and {@code recipient_order_id}, or a registered order's handle in {@code recipient_order} (CSV columns too).
   */
  private static RecipientInput recipient(Function<String, String> field) {
    String sealed = blankToNull(field.apply("recipient_sealed"));
    String platform = blankToNull(field.apply("recipient_platform"));
    String orderId = blankToNull(field.apply("recipient_order_id"));
    String order = blankToNull(field.apply("recipient_order"));
    PersonInput plain = person(field, "recipient");
    if (sealed == null && platform == null && orderId == null && order == null) {
      return RecipientInput.plain(plain);
    }
    PersonInput.AddressInput a = plain.address();
    boolean anyAddress = a.province() != null || a.city() != null || a.district() != null || a.street() != null
        || a.detail() != null;
    return new RecipientInput(plain.name(), plain.phone(), anyAddress ? a : null, sealed, platform, orderId, order);
  }

  private static PersonInput person(Function<String, String> field, String who) {
    return new PersonInput(blankToNull(field.apply(who + "_name")), blankToNull(field.apply(who + "_phone")),
        new PersonInput.AddressInput(blankToNull(field.apply(who + "_province")),
            blankToNull(field.apply(who + "_city")), blankToNull(field.apply(who + "_district")),
            blankToNull(field.apply(who + "_street")), blankToNull(field.apply(who + "_detail"))));
  }

  private static Integer integer(Function<String, String> field, String name, String apiName, List<FieldError> errors) {
    String v = blankToNull(field.apply(name));
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      errors.add(new FieldError(apiName, "must be a whole number"));
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /**
   * The form's input for a field the API names ({@code sender.address.city} is {@code sender_city}), or null when the
   * form has no input of its own for it.
   */
  static String inputOf(String apiField) {
    String f = apiField.replace(".address.", ".");
    return switch (f) {
      case "reference", "payment" -> f;
      case "senderId" -> SENDER_ID;
      case "sender", "sender.address" -> "sender_detail";
      case "recipient", "recipient.address" -> "recipient_detail";
      case "parcel", "parcel.weightGrams" -> "weight_grams";
      case "parcel.lengthCm" -> "length_cm";
      case "parcel.widthCm" -> "width_cm";
      case "parcel.heightCm" -> "height_cm";
      case "cod", "cod.amountCents", "cod.currency" -> "cod_amount";
      default -> {
        String flat = f.replace('.', '_');
        yield FIELDS.contains(flat) ? flat : null;
      }
    };
  }

  /** Only the sender's fields and choice: what the form keeps for the next shipment. */
  static Map<String, String> senderValues(Function<String, String> field) {
    Map<String, String> all = values(field);
    Map<String, String> m = new LinkedHashMap<>();
    SENDER_FIELDS.forEach(f -> m.put(f, all.get(f)));
    m.put(SENDER_ID, all.get(SENDER_ID));
    return m;
  }

  /** A saved sender's fields as the form shows them, to prefill it. */
  static Map<String, String> senderValues(org.parcelveil.vault.Person p) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("sender_name", p.name().reveal());
    m.put("sender_phone", p.phone().revealForDisplay());
    m.put("sender_province", p.address().area().province());
    m.put("sender_city", p.address().area().city());
    m.put("sender_district", p.address().area().district());
    m.put("sender_street", p.address().street() == null ? "" : p.address().street().reveal());
    m.put("sender_detail", p.address().detail().reveal());
    return m;
  }
}
