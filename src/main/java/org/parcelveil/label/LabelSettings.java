package org.parcelveil.label;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How labels are rendered: the font for PDF and PNG, and the printer font ZPL asks for.
 *
 * @param fontFile a TrueType font ({@code .ttf}) or collection ({@code .ttc}, its first font is used) with
 *     TrueType outlines, or {@code null} for the bundled WenQuanYi Micro Hei
 * @param zplFont the font file on the printer that ZPL maps to its Chinese text, e.g. {@code E:SIMSUN.FNT}
 */
public record LabelSettings(Path fontFile, String zplFont) {
  public static final String DEFAULT_ZPL_FONT = "E:SIMSUN.FNT";
  private static final Pattern ZPL_FONT = Pattern.compile("[BERZ]:[A-Za-z0-9_]{1,16}\\.[A-Za-z]{3}");

  public LabelSettings {
    if (zplFont == null || !ZPL_FONT.matcher(zplFont).matches()) {
      throw new IllegalArgumentException("zplFont must name a printer font file like E:SIMSUN.FNT, got " + zplFont);
    }
  }

  /** The bundled font and {@value #DEFAULT_ZPL_FONT}. */
  public static LabelSettings defaults() {
    return new LabelSettings(null, DEFAULT_ZPL_FONT);
  }

  public LabelSettings withFontFile(Path file) {
    return new LabelSettings(file, zplFont);
  }

  public LabelSettings withZplFont(String font) {
    return new LabelSettings(fontFile, font);
  }
}
