package org.parcelveil.web.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Small-multiple bar charts of reveals per day, allowed against refused, one per station (couriers count for their
 * station; support and others under their role), drawn as inline SVG on the server: no chart library, no script.
 */
final class RevealChart {
  static final int DAYS = 14;
  private static final int W = 320;
  private static final int H = 130;
  private static final int TOP = 10;
  private static final int BOTTOM = 24;
  private static final int LEFT = 28;

  private RevealChart() {}

  /** Counts per day for one group. */
  public record Series(String group, long[] allowed, long[] refused) {
    long max() {
      long m = 1;
      for (int i = 0; i < allowed.length; i++) {
        m = Math.max(m, Math.max(allowed[i], refused[i]));
      }
      return m;
    }

    public long totalAllowed() {
      return java.util.Arrays.stream(allowed).sum();
    }

    public long totalRefused() {
      return java.util.Arrays.stream(refused).sum();
    }
  }

  /** Groups reveal entries of the last {@link #DAYS} days ending {@code today} by {@code groupOf(principalId)}. */
  static List<Series> series(List<AuditFeed.Entry> reveals, Function<AuditFeed.Entry, String> groupOf,
      LocalDate today) {
    LocalDate first = today.minusDays(DAYS - 1L);
    Map<String, Series> by = new TreeMap<>();
    for (AuditFeed.Entry e : reveals) {
      LocalDate day = LocalDate.ofInstant(e.time(), PageTimes.zone());
      if (day.isBefore(first) || day.isAfter(today)) {
        continue;
      }
      Series s = by.computeIfAbsent(groupOf.apply(e), g -> new Series(g, new long[DAYS], new long[DAYS]));
      int i = (int) (day.toEpochDay() - first.toEpochDay());
      if (e.allowed()) {
        s.allowed()[i]++;
      } else {
        s.refused()[i]++;
      }
    }
    return List.copyOf(by.values());
  }

  /** One chart as SVG markup; text is escaped, and the title and description make it readable to screen readers. */
  static String svg(Series s, LocalDate today, String title, String allowedLabel, String refusedLabel) {
    long max = s.max();
    double plotH = H - TOP - BOTTOM;
    double slot = (W - LEFT - 4) / (double) DAYS;
    double bar = Math.max(2, slot / 2 - 1);
    String id = "c-" + Integer.toHexString(s.group().hashCode());
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(H)
        .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\">");
    b.append("<title id=\"").append(id).append("-t\">").append(esc(title)).append("</title>");
    b.append("<desc id=\"").append(id).append("-d\">").append(esc(allowedLabel)).append(' ').append(s.totalAllowed())
        .append(", ").append(esc(refusedLabel)).append(' ').append(s.totalRefused()).append("</desc>");
    b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(H - BOTTOM).append("\" x2=\"").append(W)
        .append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"#4a5260\"/>");
    b.append("<text x=\"2\" y=\"").append(TOP + 8).append("\" font-size=\"10\" fill=\"#4a5260\">").append(max)
        .append("</text>");
    for (int i = 0; i < DAYS; i++) {
      double x = LEFT + i * slot;
      rect(b, x, s.allowed()[i], max, plotH, bar, "#0b4f8a");
      rect(b, x + bar + 1, s.refused()[i], max, plotH, bar, "#a4161a");
      if (i % 3 == 1) {
        LocalDate d = today.minusDays(DAYS - 1L - i);
        b.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(H - 8).append("\" font-size=\"9\" fill=\"#4a5260\">")
            .append(d.getMonthValue()).append('/').append(d.getDayOfMonth()).append("</text>");
      }
    }
    b.append("</svg>");
    return b.toString();
  }

  private static void rect(StringBuilder b, double x, long v, long max, double plotH, double w, String fill) {
    if (v == 0) {
      return;
    }
    double h = Math.max(1, plotH * v / max);
    b.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(TOP + plotH - h)).append("\" width=\"")
        .append(fmt(w)).append("\" height=\"").append(fmt(h)).append("\" fill=\"").append(fill).append("\"><title>")
        .append(v).append("</title></rect>");
  }

  private static String fmt(double d) {
    return String.format(java.util.Locale.ROOT, "%.1f", d);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, PageTimes.zone());
  }
}
