package org.parcelveil.label;

import com.google.zxing.common.BitMatrix;

/**
 * One positioned thing on a label, in millimetres from the top-left corner. A layout is a list of these, and every
 * renderer draws the same list, so ZPL, PDF and PNG stay in step.
 */
sealed interface Element {

  /** How a line of text sits in its box. */
  enum Align { LEFT, CENTER, RIGHT }

  /**
   * One line of text whose em box starts at ({@code x}, {@code y}); it is aligned within {@code width}.
   *
   * @param field the data field it shows, for error messages
   */
  record Text(double x, double y, double width, double size, Align align, String text, String field)
      implements Element {}

  /** A Code 128 symbol: {@code modules[i]} is a dark bar of width {@code module} at {@code x + i * module}. */
  record Bars(double x, double y, double module, double height, boolean[] modules, String data) implements Element {

    double width() {
      return modules.length * module;
    }
  }

  /** A QR symbol without quiet zone: {@code matrix} has one bit per module, each {@code module} mm square. */
  record Qr(double x, double y, double module, BitMatrix matrix, String content) implements Element {

    double size() {
      return matrix.getWidth() * module;
    }
  }

  /** A rectangle outline of line width {@code thickness}; a thin box is a rule, a thick one a filled block. */
  record Box(double x, double y, double width, double height, double thickness) implements Element {}
}
