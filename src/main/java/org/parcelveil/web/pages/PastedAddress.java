package org.parcelveil.web.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.parcelveil.address.AddressParser;
import org.parcelveil.address.ParsedAddress;
import org.parcelveil.web.Frame;

/**
 * The new-shipment form's paste box: a whole address line pasted for the sender or the recipient, split on the server
 * into that party's fields, so it works without JavaScript. Nothing is created, stored or logged; what could not be
 * placed goes back into the box for the merchant to see.
 */
final class PastedAddress {
  private final AddressParser parser;

  PastedAddress(AddressParser parser) {
    this.parser = parser;
  }

  /** The form filled again, with a notice or an error. */
  record Filled(Map<String, String> values, Frame frame, boolean ok) {}

  /** The party whose paste box was submitted ({@code parse=sender|recipient}), or null for a plain submit. */
  String requested(Function<String, String> field) {
    String who = field.apply("parse");
    return "sender".equals(who) || "recipient".equals(who) ? who : null;
  }

  Filled fill(Function<String, String> field, Frame frame) {
    String who = requested(field);
    Map<String, String> values = new HashMap<>(ShipmentForm.values(field));
    String text = field.apply(who + "_paste");
    if (text == null || text.isBlank()) {
      return new Filled(values, frame.withErrors(List.of(frame.t("paste.empty"))), false);
    }
    if (text.codePointCount(0, text.length()) > AddressParser.MAX_LENGTH) {
      return new Filled(values, frame.withErrors(List.of(frame.t("paste.too_long", AddressParser.MAX_LENGTH))), false);
    }
    ParsedAddress p = parser.parse(text.replaceAll("\\p{Cntrl}", " "));
    ParsedAddress.Parts a = p.address();
    put(values, who + "_name", p.name());
    put(values, who + "_phone", p.phone());
    put(values, who + "_province", a.province());
    put(values, who + "_city", a.city());
    put(values, who + "_district", a.district());
    put(values, who + "_street", a.street());
    put(values, who + "_detail", a.detail());
    values.put(who + "_paste", String.join(" ", p.unparsed()));
    List<String> missing = new ArrayList<>();
    for (String f : List.of("name", "phone", "province", "city", "district", "detail")) {
      if (values.getOrDefault(who + "_" + f, "").isEmpty()) {
        missing.add(frame.t("form." + f));
      }
    }
    Frame shown = frame.withNotice(frame.t("paste.filled", frame.t("form." + who)));
    if (!missing.isEmpty()) {
      shown = shown.withNotice(frame.t("paste.missing", String.join(", ", missing)));
    }
    if (!p.unparsed().isEmpty()) {
      shown = shown.withNotice(frame.t("paste.unparsed"));
    }
    return new Filled(values, shown, true);
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
