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
    int length = v.codePointCount(0, v.length());
    if (length < min) {
      fail(field, min == 1 ? "is required" : "must have at least " + min + " characters");
      return null;
    }
    if (length > max) {
      fail(field, "must have at most " + max + " characters");
      return null;
    }
    if (!allowed(v)) {
      fail(field, "contains characters that are not allowed");
      return null;
    }
    return v;
  }

  /**
   * No control, unassigned, lone surrogate or private-use code points, and no bidirectional embedding, override or
   * isolate controls (U+202A–U+202E, U+2066–U+2069): they make text read otherwise than it is stored, a name
   * backwards or one area as another, wherever it is shown. A plain loop with one type look-up per code point:
   * every field of every shipment in a batch of 10,000 passes through here.
   */
  private static boolean allowed(String v) {
    for (int i = 0; i < v.length(); ) {
      int cp = v.codePointAt(i);
      int type = Character.getType(cp);
      if (Character.isISOControl(cp) || type == Character.UNASSIGNED || type == Character.SURROGATE
          || type == Character.PRIVATE_USE || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}
