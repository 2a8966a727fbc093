package org.parcelveil.label;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How labels are rendered: the font for PDF and PNG, and the printer font ZPL asks for.
 *
 * @param fontFile a TrueType font ({@code .ttf}) or collection ({@code .ttc}, its first font is used) with
 *     TrueType outlines, or {@code null} for the bundled WenQuanYi Micro Hei
 * @param zplFont the font file on the printer that ZPL maps to its Chinese text, e.g. {@code E:SIMSUN.FNT}
 * @param hotline the carrier's customer service number, printed on every label, or {@code null} for none
 */
public record LabelSettings(Path fontFile, String zplFont, String hotline) {
  public static final String DEFAULT_ZPL_FONT = "E:SIMSUN.FNT";
  /** A service number as people dial it: digits, spaces, hyphens, an optional leading {@code +}. */
  private static final Pattern HOTLINE = Pattern.compile("\\+?[0-9][0-9 -]{2,18}[0-9]");
  private static final Pattern ZPL_FONT = Pattern.compile("[BERZ]:[A-Za-z0-9_]{1,16}\\.[A-Za-z]{3}");

  public LabelSettings {
    if (zplFont == null || !ZPL_FONT.matcher(zplFont).matches()) {
      throw new IllegalArgumentException("zplFont must name a printer font file like E:SIMSUN.FNT, got " + zplFont);
    }
    if (hotline != null && !HOTLINE.matcher(hotline).matches()) {
      throw new IllegalArgumentException("hotline must be a phone number of 4 to 20 digits, spaces or hyphens, got "
          + hotline);
    }
  }

  public LabelSettings(Path fontFile, String zplFont) {
    this(fontFile, zplFont, null);
  }

  /** The bundled font and {@value #DEFAULT_ZPL_FONT}. */
  public static LabelSettings defaults() {
    return new LabelSettings(null, DEFAULT_ZPL_FONT);
  }

  public LabelSettings withFontFile(Path file) {
    return new LabelSettings(file, zplFont, hotline);
  }

  public LabelSettings withZplFont(String font) {
    return new LabelSettings(fontFile, font, hotline);
  }

  public LabelSettings withHotline(String number) {
    return new LabelSettings(fontFile, zplFont, number);
  }
}
