package org.parcelveil.label;

/**
 * Label text that the label font cannot draw, or a font that cannot be used. The message names the field, never the
 * text, which may be personal.
 */
public final class LabelFontException extends RuntimeException {
  private final String field;

  LabelFontException(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  static LabelFontException cannotDraw(String field) {
    return new LabelFontException(field,
        "label text has characters the label font cannot draw (field " + field + ")");
  }

  /** The field whose text could not be drawn, e.g. {@code recipient.name}; {@code font} for font problems. */
  public String field() {
    return field;
  }
}
