package org.parcelveil.http;

import org.parcelveil.validation.FieldError;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Reads request bodies into records, turning every kind of malformed input into a 400 problem. */
public final class Requests {
  private Requests() {}

  public static <T> T body(Context ctx, Class<T> type) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("A JSON request body is required.");
    }
    try {
      T value = Json.mapper().readValue(bytes, type);
      if (value == null) {
        throw ApiException.badRequest("The request body must be a JSON object.");
      }
      return value;
    } catch (ApiException e) {
      throw e;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.invalid(List.of(new FieldError(path(e), "unknown field")));
    } catch (InvalidFormatException e) {
      throw ApiException.invalid(List.of(new FieldError(path(e), "has the wrong type or format")));
    } catch (MismatchedInputException e) {
      throw ApiException.invalid(List.of(new FieldError(path(e), "has the wrong type")));
    } catch (JsonMappingException e) {
      // Thrown by record constructors and other binding failures: say where, never echo the value.
      throw ApiException.invalid(List.of(new FieldError(path(e), "is invalid")));
    } catch (JacksonException e) {
      throw ApiException.badRequest("The request body is not valid JSON.");
    } catch (IOException e) {
      throw ApiException.badRequest("The request body could not be read.");
    }
  }

  /** Binds one part of a document (e.g. an item of a batch) to a record, with the same errors as {@link #body}. */
  public static <T> T convert(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
    if (node == null || !node.isObject()) {
      throw ApiException.invalid(List.of(new FieldError("$", "must be a JSON object")));
    }
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.invalid(List.of(new FieldError(path(e), "unknown field")));
    } catch (MismatchedInputException e) {
      throw ApiException.invalid(List.of(new FieldError(path(e), "has the wrong type")));
    } catch (JsonMappingException e) {
      throw ApiException.invalid(List.of(new FieldError(path(e), "is invalid")));
    } catch (JacksonException e) {
      throw ApiException.badRequest("The item is not valid JSON.");
    }
  }

  static String path(JsonMappingException e) {
    String p = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
    return p.isEmpty() ? "$" : p;
  }
}
