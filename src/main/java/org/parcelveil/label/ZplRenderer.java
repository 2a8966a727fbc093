package org.parcelveil.label;

import java.util.List;
import org.parcelveil.label.Element.Bars;
import org.parcelveil.label.Element.Box;
import org.parcelveil.label.Element.Qr;
import org.parcelveil.label.Element.Text;

/**
 * Writes a layout as ZPL II for 203 dpi printers. Text is UTF-8 ({@code ^CI28}) in a printer-resident font mapped to
 * {@code J} with {@code ^CW}; the barcodes are the printer's own {@code ^BC} and {@code ^BQ}, so it prints them at
 * its native resolution.
 */
final class ZplRenderer {
  /** The font letter ZPL text fields use; {@code ^CW} points it at the configured printer font. */
  static final char FONT = 'J';
  private static final double DOTS = Layout.DOTS_PER_MM;

  private final String printerFont;

  ZplRenderer(String printerFont) {
    this.printerFont = printerFont;
  }

  String render(List<Element> elements) {
    StringBuilder z = new StringBuilder(2048);
    z.append("^XA\n^CI28\n^CW").append(FONT).append(',').append(printerFont).append('\n');
    z.append("^PW").append(dots(Layout.WIDTH)).append("\n^LL").append(dots(Layout.HEIGHT)).append("\n^LH0,0\n");
    for (Element e : elements) {
      if (e instanceof Text t) {
        text(z, t);
      } else if (e instanceof Bars b) {
        bars(z, b);
      } else if (e instanceof Qr q) {
        qr(z, q);
      } else if (e instanceof Box b) {
        box(z, b);
      }
    }
    return z.append("^XZ\n").toString();
  }

  private static void text(StringBuilder z, Text t) {
    int h = dots(t.size());
    char justify = switch (t.align()) {
      case LEFT -> 'L';
      case CENTER -> 'C';
      case RIGHT -> 'R';
    };
    origin(z, t.x(), t.y());
    z.append("^A").append(FONT).append("N,").append(h).append(',').append(h);
    // One line, clipped to the box: a printer font wider than ours must not run into the next zone.
    z.append("^FB").append(dots(t.width())).append(",1,0,").append(justify).append(",0");
    field(z, t.text());
  }

  private static void bars(StringBuilder z, Bars b) {
    int h = dots(b.height());
    origin(z, b.x(), b.y());
    // ^BC mode A picks code sets itself, compacting digits as ZXing does, so the width matches the layout.
    z.append("^BY").append(dots(b.module())).append(",3,").append(h);
    z.append("^BCN,").append(h).append(",N,N,N,A");
    field(z, b.data());
  }

  private static void qr(StringBuilder z, Qr q) {
    origin(z, q.x(), q.y());
    z.append("^BQN,2,").append(Math.max(1, Math.min(10, dots(q.module()))));
    field(z, Codes.QR_LEVEL.name() + "A," + q.content());
  }

  private static void box(StringBuilder z, Box b) {
    int w = dots(b.width());
    int h = dots(b.height());
    origin(z, b.x(), b.y());
    z.append("^GB").append(w).append(',').append(h).append(',').append(Math.min(dots(b.thickness()), Math.min(w, h)));
    z.append("^FS\n");
  }

  private static void origin(StringBuilder z, double x, double y) {
    z.append("^FO").append(dots(x)).append(',').append(dots(y));
  }

  /**
   * Field data; ZPL's command characters {@code ^} and {@code ~} are written as hex ({@code ^FH_}), so no text can
   * inject commands.
   */
  private static void field(StringBuilder z, String data) {
    if (data.indexOf('^') < 0 && data.indexOf('~') < 0) {
      z.append("^FD").append(data).append("^FS\n");
      return;
    }
    z.append("^FH_^FD");
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      switch (c) {
        case '^' -> z.append("_5E");
        case '~' -> z.append("_7E");
        case '_' -> z.append("_5F");
        default -> z.append(c);
      }
    }
    z.append("^FS\n");
  }

  private static int dots(double mm) {
    return (int) Math.round(mm * DOTS);
  }
}
