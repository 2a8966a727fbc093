package org.parcelveil.web.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The one rule for times shown to people: in the network's zone (Asia/Shanghai unless the {@code display-zone}
 * setting says otherwise), to the minute, each labelled with its UTC offset, e.g. {@code 2026-11-29 16:00
 * (UTC+08:00)}, so no column header has to promise a zone. Every console page and the public tracking pages format
 * through here; APIs answer UTC RFC 3339 and never come here.
 *
 * <p>One zone per process, set once by the composition root before serving ({@link #useZone}): the pages are
 * rendered by templates that call these statics, and threading a formatter through every template and row would
 * touch every page for a value that never changes while the service runs.
 */
public final class PageTimes {
  /** The default zone: China Standard Time, where the network's parcels change hands. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  private static volatile DateTimeFormatter shown = formatter(DEFAULT_ZONE);
  private static volatile ZoneId zone = DEFAULT_ZONE;

  private PageTimes() {}

  /** Sets the zone every page shows times in; called once at start from the {@code display-zone} setting. */
  public static void useZone(ZoneId z) {
    zone = z;
    shown = formatter(z);
  }

  public static ZoneId zone() {
    return zone;
  }

  /** {@code t} to the minute in the network's zone, with its offset: {@code 2026-11-29 16:00 (UTC+08:00)}. */
  public static String shown(Instant t) {
    return shown.format(t);
  }

  private static DateTimeFormatter formatter(ZoneId z) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(UTC'xxx')'").withZone(z);
  }
}
