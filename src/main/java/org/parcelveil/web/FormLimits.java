package org.parcelveil.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.parcelveil.validation.FieldError;

/**
 * The longest value each field of a console form takes: the template's {@code maxlength} and the server's check are
 * read from the same map. A value past its limit (a paste the browser did not cut, or a forged post) is refused beside
 * its field and dropped, so it is never shown back, while the rest of the form stays as typed.
 */
public record FormLimits(Map<String, Integer> max, int otherwise) {

  /** A form's values with every value past its limit dropped, and the refusals that say so. */
  public record Bounded(Function<String, String> field, List<FieldError> refused) {
    /** The value of {@code name} as posted, or null when it was missing or dropped for its length. */
    public String value(String name) {
      return field.apply(name);
    }
  }

  /** The {@code maxlength} of field {@code name}. */
  public int of(String name) {
    return max.getOrDefault(name, otherwise);
  }

  /** Reads {@code posted} through the limits: too-long values read as null and are refused by field name. */
  public Bounded check(Function<String, String> posted, List<String> names) {
    List<FieldError> refused = new ArrayList<>();
    for (String name : names) {
      String v = posted.apply(name);
      if (v != null && v.codePointCount(0, v.length()) > of(name)) {
        refused.add(new FieldError(name, "must have at most " + of(name) + " characters"));
      }
    }
    List<String> dropped = refused.stream().map(FieldError::field).toList();
    return new Bounded(name -> dropped.contains(name) ? null : posted.apply(name), List.copyOf(refused));
  }
}
