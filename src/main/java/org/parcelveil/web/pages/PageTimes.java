package org.parcelveil.web.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the console prints them: UTC, to the minute, the same on every screen. */
public final class PageTimes {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  /** The merchants' own clock: their list and detail pages show times as their packing desks read them. */
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter SHANGHAI_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(SHANGHAI);

  private PageTimes() {}

  /** To the minute in Asia/Shanghai (UTC+8); pages label the column so. */
  public static String shanghai(Instant t) {
    return SHANGHAI_MINUTE.format(t);
  }

  public static String minute(Instant t) {
    return MINUTE.format(t);
  }
}
