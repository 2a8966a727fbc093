package org.parcelveil.http;

import org.parcelveil.validation.FieldError;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads request bodies into records, turning every kind of malformed input into a 400 problem that names every
 * field that does not bind (an unknown field, a wrong type), not just the first.
 */
public final class Requests {
  /** A segment of a field path: an API field name, with an array index. */
  private static final Pattern FIELD_NAME = Pattern.compile("([$A-Za-z][A-Za-z0-9_]{0,63})?(\\[\\d{1,6}])*");

  /** Enough for any honest request; a body with more bad fields than this hears about the first ones. */
  static final int MAX_ERRORS = 50;
  /**
   * Bodies up to this size are bound again to find every bad field; a larger one (a batch of thousands) hears about
   * the first only, so a large body of bad fields cannot make the server bind it fifty times.
   */
  static final int MAX_SEARCHED_BYTES = 256 * 1024;

  private Requests() {}

  public static <T> T body(Context ctx, Class<T> type) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("A JSON request body is required.");
    }
    try {
      // The fast path: a body that binds is read once, as a stream.
      T value = Json.mapper().readValue(bytes, type);
      if (value == null) {
        throw ApiException.badRequest("The request body must be a JSON object.");
      }
      return value;
    } catch (ApiException e) {
      throw e;
    } catch (JsonMappingException e) {
      // Only a body that does not bind is read again, as a tree, to find every field that does not.
      throw ApiException.invalid(bytes.length <= MAX_SEARCHED_BYTES ? bindingErrors(tree(bytes), type)
          : List.of(new FieldError(shown(path(e)), message(e))));
    } catch (JacksonException e) {
      throw ApiException.badRequest("The request body is not valid JSON.");
    } catch (IOException e) {
      throw ApiException.badRequest("The request body could not be read.");
    }
  }

  /** Binds one part of a document (e.g. an item of a batch) to a record, with the same errors as {@link #body}. */
  public static <T> T convert(JsonNode node, Class<T> type) {
    if (node == null || !node.isObject()) {
      throw ApiException.invalid(List.of(new FieldError("$", "must be a JSON object")));
    }
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (JsonMappingException e) {
      throw ApiException.invalid(bindingErrors(node.deepCopy(), type));
    } catch (JacksonException e) {
      throw ApiException.badRequest("The item is not valid JSON.");
    }
  }

  private static JsonNode tree(byte[] bytes) {
    try {
      return Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw ApiException.badRequest("The request body is not valid JSON.");
    }
  }

  /**
   * Every field of {@code tree} that does not bind to {@code type}: binds, takes out the field Jackson stopped at,
   * and binds again, until the rest binds (or the same field fails twice, or {@link #MAX_ERRORS}). Jackson itself
   * stops at the first.
   */
  static List<FieldError> bindingErrors(JsonNode tree, Class<?> type) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    while (errors.size() < MAX_ERRORS) {
      try {
        Json.mapper().treeToValue(tree, type);
        break;
      } catch (JsonMappingException e) {
        String field = path(e);
        if (!seen.add(field)) {
          break;
        }
        errors.add(new FieldError(shown(field), message(e)));
        if (!takeOut(tree, e.getPath())) {
          break;
        }
      } catch (JacksonException e) {
        break;
      }
    }
    if (errors.isEmpty()) {
      errors.add(new FieldError("$", "is invalid"));
    }
    return errors;
  }

  private static String message(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "unknown field";
    }
    if (e instanceof InvalidFormatException) {
      return "has the wrong type or format";
    }
    if (e instanceof MismatchedInputException) {
      return "has the wrong type";
    }
    // Thrown by record constructors and other binding failures: say where, never echo the value.
    return "is invalid";
  }

  /** Removes the value at {@code path} from {@code tree} (an array item becomes null); false if there is none. */
  private static boolean takeOut(JsonNode tree, List<JsonMappingException.Reference> path) {
    if (path.isEmpty()) {
      return false;
    }
    JsonNode parent = tree;
    for (JsonMappingException.Reference r : path.subList(0, path.size() - 1)) {
      parent = r.getFieldName() != null ? parent.get(r.getFieldName()) : parent.get(r.getIndex());
      if (parent == null) {
        return false;
      }
    }
    JsonMappingException.Reference last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o && last.getFieldName() != null && o.has(last.getFieldName())) {
      o.remove(last.getFieldName());
      return true;
    }
    if (parent instanceof ArrayNode a && last.getIndex() >= 0 && last.getIndex() < a.size()) {
      a.set(last.getIndex(), NullNode.getInstance());
      return true;
    }
    return false;
  }

  /**
   * A field path as a problem may name it: a segment that is no field name of ours (a client's key may be anything,
   * personal data pasted as a header among it) is never echoed.
   */
  static String shown(String path) {
    return Arrays.stream(path.split("\\.", -1))
        .map(seg -> FIELD_NAME.matcher(seg).matches() ? seg : "(unnamed field)")
        .collect(Collectors.joining("."));
  }

  static String path(JsonMappingException e) {
    String p = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
    return p.isEmpty() ? "$" : p;
  }
}
