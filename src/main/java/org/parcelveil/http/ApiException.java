package org.parcelveil.http;

import org.parcelveil.validation.FieldError;

import java.util.List;
import java.util.Map;

/**
 * A failure that becomes an RFC 9457 problem document. Its detail must never carry personal data: callers
 * describe the problem, not the value.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions;

  public ApiException(int status, String type, String title, String detail, List<FieldError> errors,
      Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.extensions = Map.copyOf(extensions);
  }

  public ApiException(int status, String type, String title, String detail) {
    this(status, type, title, detail, List.of(), Map.of());
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "bad-request", "Bad request", detail);
  }

  public static ApiException invalid(List<FieldError> errors) {
    return new ApiException(400, "validation", "Invalid request", "One or more fields are invalid.", errors, Map.of());
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", "Not found", detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "conflict", "Conflict", detail);
  }

  public static ApiException conflict(String detail, Map<String, Object> extensions) {
    return new ApiException(409, "conflict", "Conflict", detail, List.of(), extensions);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "unauthorized", "Unauthorized", "A valid bearer token is required.");
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "Forbidden", detail);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
