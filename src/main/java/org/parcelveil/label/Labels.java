package org.parcelveil.label;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.parcelveil.shipment.Printability;

/**
 * Renders privacy labels (100 × 150 mm) as ZPL, PDF or PNG from one layout. Thread-safe; build one and share it,
 * as it reads the font once.
 */
public final class Labels {
  /** The most labels one batch PDF holds. */
  public static final int MAX_BATCH = 1000;

  private final Layout layout;
  private final ZplRenderer zpl;
  private final PdfRenderer pdf;
  private final RasterRenderer raster;
  private final LabelFont font;
  private final SlipLayout slipLayout;

  public Labels(LabelSettings settings) {
    this.font = LabelFont.load(settings.fontFile());
    this.layout = new Layout(font);
    this.zpl = new ZplRenderer(settings.zplFont());
    this.pdf = new PdfRenderer(font);
    this.raster = new RasterRenderer(font);
    this.slipLayout = new SlipLayout(layout, font);
  }

  /**
   * What labels in this font can print, for checking shipments when they are created: a wider {@code --label-font}
   * widens it.
   */
  public Printability printability() {
    return new LabelRepertoire(font);
  }

  /** Labels in the bundled font, ZPL for {@value LabelSettings#DEFAULT_ZPL_FONT}. */
  public static Labels withDefaults() {
    return new Labels(LabelSettings.defaults());
  }

  /** ZPL II for a 203 dpi printer, one label from {@code ^XA} to {@code ^XZ}. */
  public String zpl(LabelData label) {
    return zpl.render(layout.place(label));
  }

  /** The label drawn at {@code dpi}, greyscale. */
  public BufferedImage image(LabelData label, Dpi dpi) {
    return raster.draw(layout.place(label), dpi);
  }

  /** The label as PNG at {@code dpi}. */
  public void png(LabelData label, Dpi dpi, OutputStream out) throws IOException {
    RasterRenderer.writePng(image(label, dpi), dpi, out);
  }

  public byte[] png(LabelData label, Dpi dpi) {
    return bytes(out -> png(label, dpi, out));
  }

  /** A one-page PDF with the font subset embedded. */
  public void pdf(LabelData label, OutputStream out) throws IOException {
    write(List.of(layout.place(label)), out);
  }

  public byte[] pdf(LabelData label) {
    return bytes(out -> pdf(label, out));
  }

  /**
   * Up to {@value #MAX_BATCH} labels as one PDF, a page each, sharing one embedded font subset. Every label is laid
   * out before anything is written, so a bad label leaves {@code out} untouched.
   *
   * @return the number of pages written
   * @throws LabelFontException if a label has text the font cannot draw; the message says which label and field
   */
  public int pdf(Iterable<LabelData> labels, OutputStream out) throws IOException {
    List<List<Element>> pages = new ArrayList<>();
    for (LabelData label : labels) {
      if (pages.size() == MAX_BATCH) {
        throw new IllegalArgumentException("a batch PDF holds at most " + MAX_BATCH + " labels");
      }
      try {
        pages.add(layout.place(label));
      } catch (LabelFontException e) {
        throw new LabelFontException(e.field(), "label " + (pages.size() + 1) + ": " + e.getMessage());
      }
    }
    if (pages.isEmpty()) {
      throw new IllegalArgumentException("a batch PDF needs at least one label");
    }
    write(pages, out);
    return pages.size();
  }

  /** A packing slip as PDF on label-sized pages (more than one only for a long list of items). */
  byte[] pdf(PackingSlip slip) {
    List<List<Element>> pages = slipLayout.place(slip);
    return bytes(out -> write(pages, out));
  }

  /** True if labels and slips in this font can draw every character of {@code text}. */
  boolean covers(String text) {
    return text.codePoints().noneMatch(LabelData::unprintable) && font.covers(text);
  }

  private void write(List<List<Element>> pages, OutputStream out) throws IOException {
    TrueTypeFont ttf = font.acquire();
    try (PDDocument doc = new PDDocument()) {
      PDType0Font pdfFont = PDType0Font.load(doc, ttf, true);
      for (List<Element> page : pages) {
        pdf.addPage(doc, pdfFont, page);
      }
      doc.save(out);
    } finally {
      font.release(ttf);
    }
  }

  private interface Writing {
    void to(OutputStream out) throws IOException;
  }

  private static byte[] bytes(Writing writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      writing.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
