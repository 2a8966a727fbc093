package org.parcelveil.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a setting's text becomes a value and back, by the value's type: whole numbers, decimals, durations
 * ({@code 90s}, {@code 10m}, {@code 6h}, {@code 14d} or ISO-8601), times of day, zones, paths and URLs. A value that
 * does not parse is refused with what was expected; the feature's own record then checks its range.
 */
final class SettingValues {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private SettingValues() {}

  static Object parse(Class<?> type, String text) {
    String t = text.strip();
    if (type == int.class) {
      return (int) whole(t, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (type == long.class) {
      return whole(t, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (type == double.class) {
      try {
        double d = Double.parseDouble(t);
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new IllegalArgumentException("expected a number, got '" + t + "'");
    }
    if (type == String.class) {
      return t;
    }
    if (type == Path.class) {
      return Path.of(t);
    }
    if (type == Duration.class) {
      return duration(t);
    }
    if (type == LocalTime.class) {
      try {
        return LocalTime.parse(t);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("expected a time of day like 06:00, got '" + t + "'");
      }
    }
    if (type == ZoneId.class) {
      try {
        return ZoneId.of(t);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("expected a time zone like Asia/Shanghai, got '" + t + "'");
      }
    }
    if (type == URI.class) {
      return url(t);
    }
    throw new IllegalStateException("no parser for " + type.getSimpleName());
  }

  /** {@code true} or {@code false}, nothing else: a typo must not silently mean either. */
  static boolean bool(String text) {
    return switch (text.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  /** The text a value is shown as in help and the README: what {@link #parse} reads back. */
  static String format(Object value) {
    if (value == null || value instanceof Optional<?> o && o.isEmpty()) {
      return "unset";
    }
    if (value instanceof Optional<?> o) {
      return format(o.get());
    }
    if (value instanceof Duration d) {
      return duration(d);
    }
    return value.toString();
  }

  /** An absolute http or https URL. */
  static URI url(String t) {
    try {
      URI uri = new URI(t);
      if (uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // refused below
    }
    throw new IllegalArgumentException("expected an http(s) URL, got '" + t + "'");
  }

  private static long whole(String t, long min, long max) {
    try {
      long v = Long.parseLong(t);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("expected a whole number, got '" + t + "'");
  }

  private static Duration duration(String t) {
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("expected a duration like 90s, 10m, 6h or 14d, got '" + t + "'");
    }
  }

  private static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms != 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0 && ms != 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms != 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
