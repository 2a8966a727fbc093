package org.parcelveil.label;

/** Raster resolutions of thermal label printers, as whole dots per millimetre the way the printers count them. */
public enum Dpi {
  /** 8 dots per mm, sold as 203 dpi: the common desktop thermal printer. */
  DPI_203(8),
  /** 12 dots per mm, sold as 300 dpi. */
  DPI_300(12);

  private final int dotsPerMm;

  Dpi(int dotsPerMm) {
    this.dotsPerMm = dotsPerMm;
  }

  public int dotsPerMm() {
    return dotsPerMm;
  }
}
