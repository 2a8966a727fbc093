package org.parcelveil.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The page frame of the public pages ({@code tracking/page.html} with its inline {@code tracking/style.css}) and
 * HTML escaping. Every value that reaches a page goes through {@link #text}; only fragments built here are trusted.
 */
final class Html {
  private static final String FRAME = resource("page.html");
  private static final String STYLE = resource("style.css").strip();

  /** No scripts, no third-party anything: the inline style is allowed by its hash, forms post to this origin. */
  static final String CSP = "default-src 'none'; style-src '" + sha256(STYLE) + "'; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'";

  private Html() {}

  /** A whole page around already-built {@code content}. */
  static String page(String title, String carrier, String content) {
    return fill(FRAME, Map.of("title", text(title), "style", STYLE, "carrier", text(carrier), "content", content));
  }

  /** Text made safe for element content and quoted attributes. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Chinese first, English below it: every text on the public pages is both. */
  static String both(String zh, String en) {
    return text(zh) + "<span class=\"en\" lang=\"en\">" + text(en) + "</span>";
  }

  /** One pass over the template, so a value that happens to contain a placeholder is never filled in again. */
  private static String fill(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() + 4096);
    int i = 0;
    while (true) {
      int open = template.indexOf("{{", i);
      int close = open < 0 ? -1 : template.indexOf("}}", open);
      if (close < 0) {
        return out.append(template, i, template.length()).toString();
      }
      out.append(template, i, open).append(values.getOrDefault(template.substring(open + 2, close), ""));
      i = close + 2;
    }
  }

  private static String resource(String name) {
    try (InputStream in = Html.class.getResourceAsStream("/tracking/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource tracking/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
