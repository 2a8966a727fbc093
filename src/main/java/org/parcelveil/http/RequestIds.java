package org.parcelveil.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is well formed (a proxy's or a client's),
 * else a new one. It is in the logging context ({@value #MDC_KEY}) for as long as the request runs on its thread,
 * so every line logged for it carries it, and it is returned as {@code X-Request-Id}. A servlet filter rather than
 * Javalin's before/after handlers, so that it also covers the request log written after them, and is removed even
 * when a handler fails.
 */
final class RequestIds implements Filter {
  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "requestId";
  /**
   * 8 to 64 of letters, digits, {@code . _ : -}: enough for UUIDs and proxies' ids, and nothing that could end a
   * log line, forge a field or fill the log. Anything else is replaced, never trimmed into shape.
   */
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String id = idFor(((HttpServletRequest) req).getHeader(HEADER));
    ((HttpServletResponse) res).setHeader(HEADER, id);
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(req, res);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  static String idFor(String given) {
    if (given != null && WELL_FORMED.matcher(given).matches()) {
      return given;
    }
    byte[] random = new byte[12];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
