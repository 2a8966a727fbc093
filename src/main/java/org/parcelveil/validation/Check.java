package org.parcelveil.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while a request is validated, so the caller hears about every bad field at once. */
public final class Check {
  private final List<FieldError> errors = new ArrayList<>();

  public Check fail(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /** Runs {@code step}, recording its validation errors under {@code prefix} instead of throwing. */
  public <T> T nested(String prefix, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (ValidationException e) {
      e.errors().forEach(err -> errors.add(new FieldError(
          prefix.isEmpty() ? err.field() : prefix + "." + err.field(), err.message())));
      return null;
    }
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /** Text as people type it: trimmed, NFC-normalised, checked for length and control characters. */
  public String text(String field, String value, int min, int max) {
    if (value == null) {
      if (min > 0) {
        fail(field, "is required");
      }
      return null;
    }
    String v = java.text.Normalizer.normalize(value.strip(), java.text.Normalizer.Form.NFC);
    if (v.codePointCount(0, v.length()) < min) {
      fail(field, min == 1 ? "is required" : "must have at least " + min + " characters");
      return null;
    }
    if (v.codePointCount(0, v.length()) > max) {
      fail(field, "must have at most " + max + " characters");
      return null;
    }
    if (v.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.UNASSIGNED
        || Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.PRIVATE_USE)) {
      fail(field, "contains characters that are not allowed");
      return null;
    }
    return v;
  }
}
