package org.parcelveil.http;

import org.parcelveil.validation.FieldError;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem document as sent on the wire. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
    @JsonAnyGetter Map<String, Object> extensions) {

  static final String TYPE_BASE = "https://parcelveil.org/problems/";

  static Problem of(ApiException e) {
    return new Problem(TYPE_BASE + e.type(), e.title(), e.status(), e.getMessage(), e.errors(), e.extensions());
  }
}
