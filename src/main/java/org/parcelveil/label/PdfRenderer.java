package org.parcelveil.label;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.parcelveil.label.Element.Bars;
import org.parcelveil.label.Element.Box;
import org.parcelveil.label.Element.Qr;
import org.parcelveil.label.Element.Text;

/**
 * Adds a layout to a PDF as one page of vectors: text in the embedded font, bars and QR modules as filled
 * rectangles, so the print is sharp at any printer resolution.
 */
final class PdfRenderer {
  private static final float PT_PER_MM = 72f / 25.4f;
  private static final PDRectangle PAGE =
      new PDRectangle((float) (Layout.WIDTH * PT_PER_MM), (float) (Layout.HEIGHT * PT_PER_MM));

  private final LabelFont font;

  PdfRenderer(LabelFont font) {
    this.font = font;
  }

  void addPage(PDDocument doc, PDFont pdfFont, List<Element> elements) throws IOException {
    PDPage page = new PDPage(PAGE);
    doc.addPage(page);
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      cs.setNonStrokingColor(0f);
      // All shapes go into one path and one fill: a page has thousands of QR modules.
      for (Element e : elements) {
        if (e instanceof Bars b) {
          bars(cs, b);
        } else if (e instanceof Qr q) {
          qr(cs, q);
        } else if (e instanceof Box b) {
          box(cs, b);
        }
      }
      cs.fill();
      for (Element e : elements) {
        if (e instanceof Text t) {
          text(cs, pdfFont, t);
        }
      }
    }
  }

  private void text(PDPageContentStream cs, PDFont pdfFont, Text t) throws IOException {
    double width = font.width(t.text()) * t.size();
    double x = switch (t.align()) {
      case LEFT -> t.x();
      case CENTER -> t.x() + (t.width() - width) / 2;
      case RIGHT -> t.x() + t.width() - width;
    };
    cs.beginText();
    cs.setFont(pdfFont, (float) (t.size() * PT_PER_MM));
    cs.newLineAtOffset(mm(x), y(t.y() + font.ascent() * t.size()));
    cs.showText(t.text());
    cs.endText();
  }

  private static void bars(PDPageContentStream cs, Bars b) throws IOException {
    boolean[] m = b.modules();
    for (int i = 0; i < m.length; i++) {
      if (m[i]) {
        int end = i;
        while (end < m.length && m[end]) {
          end++;
        }
        rect(cs, b.x() + i * b.module(), b.y(), (end - i) * b.module(), b.height());
        i = end;
      }
    }
  }

  private static void qr(PDPageContentStream cs, Qr q) throws IOException {
    int n = q.matrix().getWidth();
    for (int row = 0; row < n; row++) {
      for (int col = 0; col < n; col++) {
        if (q.matrix().get(col, row)) {
          int end = col;
          while (end < n && q.matrix().get(end, row)) {
            end++;
          }
          rect(cs, q.x() + col * q.module(), q.y() + row * q.module(), (end - col) * q.module(), q.module());
          col = end;
        }
      }
    }
  }

  private static void box(PDPageContentStream cs, Box b) throws IOException {
    double t = b.thickness();
    if (2 * t >= Math.min(b.width(), b.height())) {
      rect(cs, b.x(), b.y(), b.width(), b.height());
      return;
    }
    rect(cs, b.x(), b.y(), b.width(), t);
    rect(cs, b.x(), b.y() + b.height() - t, b.width(), t);
    rect(cs, b.x(), b.y(), t, b.height());
    rect(cs, b.x() + b.width() - t, b.y(), t, b.height());
  }

  /** A rectangle given top-left and size in mm, added to the current path. */
  private static void rect(PDPageContentStream cs, double x, double top, double w, double h) throws IOException {
    cs.addRect(mm(x), y(top + h), mm(w), mm(h));
  }

  private static float mm(double mm) {
    return (float) (mm * PT_PER_MM);
  }

  /** PDF measures up from the bottom edge; the layout measures down from the top. */
  private static float y(double mmFromTop) {
    return mm(Layout.HEIGHT - mmFromTop);
  }
}
