package org.parcelveil.validation;

/** One invalid field of a request: its JSON path and what is wrong, never the value itself. */
public record FieldError(String field, String message) {}
