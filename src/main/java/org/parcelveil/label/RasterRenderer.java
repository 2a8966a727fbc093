package org.parcelveil.label;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.parcelveil.label.Element.Bars;
import org.parcelveil.label.Element.Box;
import org.parcelveil.label.Element.Qr;
import org.parcelveil.label.Element.Text;

/**
 * Draws a layout into a greyscale image with Java2D. Bar and module edges snap to whole pixels and are drawn
 * without anti-aliasing, so scanners see sharp edges; only text is smoothed.
 */
final class RasterRenderer {
  private static final String PNG_FORMAT = "javax_imageio_png_1.0";
  /** The JDK's PNG writer maps quality q to deflate level 9 × (1 − q): 0.8 is level 1. */
  private static final float FAST_DEFLATE = 0.8f;
  private final LabelFont font;

  RasterRenderer(LabelFont font) {
    this.font = font;
  }

  BufferedImage draw(List<Element> elements, Dpi dpi) {
    double s = dpi.dotsPerMm();
    BufferedImage img = new BufferedImage(px(Layout.WIDTH, s), px(Layout.HEIGHT, s), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setColor(Color.BLACK);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      for (Element e : elements) {
        // Java 17 has no pattern switch; the element types are sealed, so this chain is complete.
        if (e instanceof Text t) {
          text(g, t, s);
        } else if (e instanceof Bars b) {
          bars(g, b, s);
        } else if (e instanceof Qr q) {
          qr(g, q, s);
        } else if (e instanceof Box b) {
          box(g, b, s);
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private void text(Graphics2D g, Text t, double s) {
    double width = font.width(t.text()) * t.size();
    double x = switch (t.align()) {
      case LEFT -> t.x();
      case CENTER -> t.x() + (t.width() - width) / 2;
      case RIGHT -> t.x() + t.width() - width;
    };
    g.setFont(font.awt((float) (t.size() * s)));
    g.drawString(t.text(), (float) (x * s), (float) ((t.y() + font.ascent() * t.size()) * s));
  }

  private static void bars(Graphics2D g, Bars b, double s) {
    boolean[] m = b.modules();
    for (int i = 0; i < m.length; i++) {
      if (m[i]) {
        int end = i;
        while (end < m.length && m[end]) {
          end++;
        }
        fill(g, b.x() + i * b.module(), b.y(), b.x() + end * b.module(), b.y() + b.height(), s);
        i = end;
      }
    }
  }

  private static void qr(Graphics2D g, Qr q, double s) {
    int n = q.matrix().getWidth();
    for (int row = 0; row < n; row++) {
      double top = q.y() + row * q.module();
      for (int col = 0; col < n; col++) {
        if (q.matrix().get(col, row)) {
          int end = col;
          while (end < n && q.matrix().get(end, row)) {
            end++;
          }
          fill(g, q.x() + col * q.module(), top, q.x() + end * q.module(), top + q.module(), s);
          col = end;
        }
      }
    }
  }

  private static void box(Graphics2D g, Box b, double s) {
    double t = b.thickness();
    double right = b.x() + b.width();
    double bottom = b.y() + b.height();
    if (2 * t >= Math.min(b.width(), b.height())) {
      fill(g, b.x(), b.y(), right, bottom, s);
      return;
    }
    fill(g, b.x(), b.y(), right, b.y() + t, s);
    fill(g, b.x(), bottom - t, right, bottom, s);
    fill(g, b.x(), b.y(), b.x() + t, bottom, s);
    fill(g, right - t, b.y(), right, bottom, s);
  }

  /** Fills the pixels between two snapped corners, so neighbouring modules share edges without gaps. */
  private static void fill(Graphics2D g, double x0, double y0, double x1, double y1, double s) {
    int left = px(x0, s);
    int top = px(y0, s);
    g.fillRect(left, top, px(x1, s) - left, px(y1, s) - top);
  }

  private static int px(double mm, double s) {
    return (int) Math.round(mm * s);
  }

  /** Writes {@code img} as PNG, stating its resolution (pHYs) so printing it at 100 % gives 100 × 150 mm. */
  static void writePng(BufferedImage img, Dpi dpi, OutputStream out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
      IIOMetadataNode phys = new IIOMetadataNode("pHYs");
      String perMetre = Integer.toString(dpi.dotsPerMm() * 1000);
      phys.setAttribute("pixelsPerUnitXAxis", perMetre);
      phys.setAttribute("pixelsPerUnitYAxis", perMetre);
      phys.setAttribute("unitSpecifier", "meter");
      IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
      root.appendChild(phys);
      meta.mergeTree(PNG_FORMAT, root);
      ImageWriteParam param = writer.getDefaultWriteParam();
      // Deflate level 1: half the time of the default level for 10 % more bytes; encoding is the slow step.
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(FAST_DEFLATE);
      writer.write(null, new IIOImage(img, null, meta), param);
    } finally {
      writer.dispose();
    }
  }
}
