package org.parcelveil.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The console's words in Chinese and English, from {@code web/messages_<lang>.properties} (UTF-8). A key missing in
 * Chinese falls back to English; a key missing in both shows as itself, so a gap is visible, not blank.
 */
public final class Messages {
  public static final String ZH = "zh";
  public static final String EN = "en";

  private final Map<String, Properties> bundles;

  private Messages(Map<String, Properties> bundles) {
    this.bundles = bundles;
  }

  public static Messages load() {
    return new Messages(Map.of(EN, read(EN), ZH, read(ZH)));
  }

  /** {@code zh} or {@code en}; anything else is English. */
  public static String normalise(String lang) {
    return lang != null && lang.toLowerCase(Locale.ROOT).startsWith(ZH) ? ZH : EN;
  }

  public String get(String lang, String key, Object... args) {
    String text = bundles.get(normalise(lang)).getProperty(key);
    if (text == null) {
      text = bundles.get(EN).getProperty(key, key);
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  /** True if the English bundle holds {@code key} (tests check both bundles hold the same keys). */
  public boolean has(String lang, String key) {
    return bundles.get(normalise(lang)).containsKey(key);
  }

  public java.util.Set<String> keys(String lang) {
    return bundles.get(normalise(lang)).stringPropertyNames();
  }

  private static Properties read(String lang) {
    String path = "/web/messages_" + lang + ".properties";
    try (InputStream in = Messages.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing message bundle " + path);
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
