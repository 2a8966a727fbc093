package org.parcelveil.label;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.FontRenderContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The one font labels are drawn with, read once: Java2D's view for measuring and PNG, and a small pool of parsed
 * PDFBox fonts for PDF (a parsed font reads its tables lazily and is not safe to share between threads).
 */
final class LabelFont {
  static final String BUNDLED = "fonts/wqy-microhei.ttc";
  private static final int POOL_LIMIT = 8;
  private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);
  private static final float MEASURE_SIZE = 100f;
  private static final AtomicReference<LabelFont> bundled = new AtomicReference<>();

  private final byte[] data;
  private final Font awt;
  private final double ascent;
  private final Deque<TrueTypeFont> pool = new ConcurrentLinkedDeque<>();

  private LabelFont(byte[] data) {
    this.data = data;
    try {
      this.awt = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(data)).deriveFont(MEASURE_SIZE);
      release(parse());
    } catch (FontFormatException | IOException e) {
      throw new LabelFontException("font", "label font must be TrueType with glyph outlines (.ttf or .ttc): "
          + e.getMessage());
    }
    this.ascent = awt.getLineMetrics("Hg中", MEASURE).getAscent() / MEASURE_SIZE;
  }

  /** The font in {@code file}, or the bundled one (read once per JVM) when {@code file} is null. */
  static LabelFont load(Path file) {
    if (file != null) {
      try {
        return new LabelFont(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new LabelFontException("font", "cannot read label font file " + file + ": " + e.getMessage());
      }
    }
    LabelFont font = bundled.get();
    if (font == null) {
      try (InputStream in = LabelFont.class.getResourceAsStream(BUNDLED)) {
        if (in == null) {
          throw new LabelFontException("font", "bundled label font " + BUNDLED + " is missing from the class path");
        }
        bundled.compareAndSet(null, new LabelFont(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      font = bundled.get();
    }
    return font;
  }

  /** Fails, naming {@code field}, when the font lacks a glyph for any character of {@code text}. */
  void check(String field, String text) {
    if (!covers(text)) {
      throw LabelFontException.cannotDraw(field);
    }
  }

  /** True if the font has a glyph for every character of {@code text}. */
  boolean covers(String text) {
    return awt.canDisplayUpTo(text) == -1;
  }

  /** The advance width of {@code text} in em (multiply by the size). */
  double width(String text) {
    return awt.getStringBounds(text, MEASURE).getWidth() / MEASURE_SIZE;
  }

  /** Distance from the top of a line to its baseline, in em. */
  double ascent() {
    return ascent;
  }

  Font awt(float size) {
    return awt.deriveFont(size);
  }

  /** A parsed font for one PDF document; hand it back with {@link #release} once the document is saved. */
  TrueTypeFont acquire() {
    TrueTypeFont ttf = pool.pollFirst();
    try {
      return ttf != null ? ttf : parse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void release(TrueTypeFont ttf) {
    if (pool.size() < POOL_LIMIT) {
      pool.addFirst(ttf);
    }
  }

  private TrueTypeFont parse() throws IOException {
    boolean collection = data.length > 4 && data[0] == 't' && data[1] == 't' && data[2] == 'c' && data[3] == 'f';
    if (!collection) {
      return new TTFParser().parse(new RandomAccessReadBuffer(data));
    }
    // The collection must stay open while its fonts are used; it holds only this in-memory copy.
    TrueTypeCollection ttc = new TrueTypeCollection(new ByteArrayInputStream(data));
    AtomicReference<TrueTypeFont> first = new AtomicReference<>();
    ttc.processAllFonts(f -> first.compareAndSet(null, f));
    if (first.get() == null || first.get().getGlyph() == null) {
      throw new IOException("the collection's first font has no TrueType outlines");
    }
    return first.get();
  }
}
