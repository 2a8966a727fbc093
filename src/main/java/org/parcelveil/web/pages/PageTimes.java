package org.parcelveil.web.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the console prints them: UTC, to the minute, the same on every screen. */
public final class PageTimes {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private PageTimes() {}

  public static String minute(Instant t) {
    return MINUTE.format(t);
  }
}
