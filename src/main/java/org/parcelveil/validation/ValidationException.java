package org.parcelveil.validation;

import java.util.List;

/** Input that breaks a rule, with every offending field named; becomes a 400 problem. Never quotes the values. */
public final class ValidationException extends RuntimeException {
  private final List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    super("invalid fields: " + errors.stream().map(FieldError::field).toList(), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public static ValidationException of(String field, String message) {
    return new ValidationException(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
