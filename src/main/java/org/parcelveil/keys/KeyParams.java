package org.parcelveil.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The non-secret parameters of a key version, stored as {@code key=value;key=value}. */
public final class KeyParams {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,60}");

  private KeyParams() {}

  /** Formats parameters for storage; keys and values are short tokens. */
  public static String of(Map<String, String> values) {
    values.forEach((k, v) -> {
      if (!TOKEN.matcher(k).matches() || !TOKEN.matcher(v).matches()) {
        throw new IllegalArgumentException("key parameters are short tokens of letters, digits, '.', '_' or '-'");
      }
    });
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
  }

  static Optional<String> get(@Nullable String params, String key) {
    return Optional.ofNullable(parse(params).get(key));
  }

  static Map<String, String> parse(@Nullable String params) {
    Map<String, String> out = new LinkedHashMap<>();
    if (params == null || params.isEmpty()) {
      return out;
    }
    for (String pair : params.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return out;
  }
}
