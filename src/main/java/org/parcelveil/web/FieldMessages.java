package org.parcelveil.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parcelveil.validation.FieldError;

/**
 * Field refusals in the page's language: a service's rule (said in English, for the API) becomes a console message,
 * and its JSON path ({@code sender.address.city}) the words of the form ({@code Sender · City}). The value itself is
 * never part of either, so nothing typed is shown back.
 */
public final class FieldMessages {
  /** A service's English rule and the console message saying it; the groups fill {0}, {1}. */
  private record Rule(Pattern english, String key) {}

  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile("is required"), "fielderr.required"),
      new Rule(Pattern.compile("is required for the \\w+ role"), "fielderr.station_needed"),
      new Rule(Pattern.compile("is not a known station"), "fielderr.unknown_station"),
      new Rule(Pattern.compile("must be a station, not a hub.*"), "fielderr.courier_at_hub"),
      new Rule(Pattern.compile("only station staff and couriers belong to a station"), "fielderr.no_station"),
      new Rule(Pattern.compile("must have at most (\\d+) characters"), "fielderr.max_chars"),
      new Rule(Pattern.compile("must have at least (\\d+) characters"), "fielderr.min_chars"),
      new Rule(Pattern.compile("contains characters that are not allowed"), "fielderr.chars"),
      new Rule(Pattern.compile("must be a whole number"), "fielderr.whole"),
      new Rule(Pattern.compile("must be between (\\d+) and (\\d+)"), "fielderr.between"),
      new Rule(Pattern.compile("is too long for a phone number"), "fielderr.phone_long"),
      new Rule(Pattern.compile(".*(mobile|landline|phone) number.*"), "fielderr.phone"),
      new Rule(Pattern.compile("is not a province of China.*"), "fielderr.province"),
      new Rule(Pattern.compile("is not a city of this province.*"), "fielderr.city"),
      new Rule(Pattern.compile("is not a district of this city.*"), "fielderr.district"),
      new Rule(Pattern.compile("is not served by the network"), "fielderr.not_served"),
      new Rule(Pattern.compile("must be an amount such as .*"), "fielderr.amount"),
      new Rule(Pattern.compile("must be an ISO 4217 .*"), "fielderr.currency"),
      new Rule(Pattern.compile("must be SENDER, RECIPIENT or MONTHLY"), "fielderr.payment"));

  /** The words of a path's parts, as the forms label them; a part not listed here is left out of the label. */
  private static final Map<String, String> PARTS = Map.ofEntries(
      Map.entry("sender", "form.sender"), Map.entry("recipient", "form.recipient"), Map.entry("name", "form.name"),
      Map.entry("phone", "form.phone"), Map.entry("province", "form.province"), Map.entry("city", "form.city"),
      Map.entry("district", "form.district"), Map.entry("street", "form.street"), Map.entry("detail", "form.detail"),
      Map.entry("reference", "field.reference"), Map.entry("parcel", "form.parcel"),
      Map.entry("weightGrams", "form.weight_grams"), Map.entry("lengthCm", "form.length_cm"),
      Map.entry("widthCm", "form.width_cm"), Map.entry("heightCm", "form.height_cm"),
      Map.entry("cod", "form.cod_amount"), Map.entry("payment", "form.payment"), Map.entry("code", "col.code"),
      Map.entry("paste", "paste.label"));

  private FieldMessages() {}

  /** What is wrong, in the page's language; a rule the console does not know is said in general words. */
  public static String rule(Frame frame, FieldError error) {
    for (Rule r : RULES) {
      Matcher m = r.english().matcher(error.message());
      if (m.matches()) {
        Object[] args = new Object[m.groupCount()];
        for (int i = 0; i < args.length; i++) {
          args[i] = m.group(i + 1);
        }
        return frame.t(r.key(), args);
      }
    }
    // English pages keep the service's own words (they never hold the value); other languages say it generally.
    return frame.t("fielderr.other", error.message());
  }

  /**
   * The field as the form names it ({@code Sender · Phone}), from the API's path or the form's field name
   * ({@code sender_phone}); a path of unknown parts stays as it is.
   */
  public static String label(Frame frame, String path) {
    if (frame.messages().has(frame.lang(), "form." + path)) {
      return frame.t("form." + path); // a form's own field name, such as weight_grams
    }
    List<String> words = java.util.Arrays.stream(path.split("[._]")).filter(PARTS::containsKey)
        .filter(p -> !(p.equals("cod") && path.endsWith("currency")))
        .map(p -> frame.t(PARTS.get(p))).toList();
    return words.isEmpty() ? path : String.join(" · ", words);
  }

  /** One line for a summary: the field's label, then the rule it broke. */
  public static String line(Frame frame, FieldError error) {
    return label(frame, error.field()) + ": " + rule(frame, error);
  }
}
